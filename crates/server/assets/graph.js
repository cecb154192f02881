// armsgraph graph view: actors and their relations from /api/graph, drawn with cytoscape.js.
// Text from documents is only ever put into the page as text nodes, never as markup.
(function () {
  'use strict';

  // Colours, dash patterns and shapes come from the legend the server rendered (one table in
  // pages.rs), so the legend always matches what is drawn.
  var REL = {};
  var KIND = {};
  function readLegend() {
    document.querySelectorAll('#graph-legend li[data-relation]').forEach(function (li) {
      var dash = (li.getAttribute('data-dash') || '').trim();
      REL[li.getAttribute('data-relation')] = {
        color: li.getAttribute('data-color'),
        dash: dash ? dash.split(/\s+/).map(Number) : null,
        arrow: li.getAttribute('data-arrow') || 'triangle',
        name: li.textContent.trim()
      };
    });
    document.querySelectorAll('#graph-legend li[data-kind]').forEach(function (li) {
      KIND[li.getAttribute('data-kind')] = {
        color: li.getAttribute('data-color'), shape: li.getAttribute('data-shape')
      };
    });
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  /** Line and shape samples in the legend and the relation filters, from the same styles. */
  function drawSamples() {
    document.querySelectorAll('.line-sample[data-relation]').forEach(function (span) {
      var r = REL[span.getAttribute('data-relation')];
      if (!r || span.firstChild) return;
      var svg = svgEl('svg', { width: 40, height: 10, viewBox: '0 0 40 10' });
      var line = svgEl('line', { x1: 1, y1: 5, x2: 39, y2: 5, stroke: r.color, 'stroke-width': 3 });
      if (r.dash) line.setAttribute('stroke-dasharray', r.dash.join(' '));
      svg.appendChild(line);
      span.appendChild(svg);
    });
    document.querySelectorAll('.shape-sample[data-kind]').forEach(function (span) {
      var k = KIND[span.getAttribute('data-kind')];
      if (!k || span.firstChild) return;
      var svg = svgEl('svg', { width: 16, height: 14, viewBox: '0 0 16 14' });
      var shape;
      if (k.shape === 'hexagon') shape = svgEl('polygon', { points: '3,7 5,2 11,2 13,7 11,12 5,12' });
      else if (k.shape === 'round-rectangle') shape = svgEl('rect', { x: 2, y: 3, width: 12, height: 9, rx: 3 });
      else if (k.shape === 'diamond') shape = svgEl('polygon', { points: '8,1 14,7 8,13 2,7' });
      else shape = svgEl('circle', { cx: 8, cy: 7, r: 6 });
      shape.setAttribute('fill', k.color);
      svg.appendChild(shape);
      span.appendChild(svg);
    });
  }

  var OTHER = { color: '#64748b', dash: null, arrow: 'triangle', name: 'other' };
  function rel(r) { return REL[r] || OTHER; }
  function kindStyle(k) {
    if (k === 'weapon_system' || k === 'weapon_category' || k === 'agent' || k === 'place') k = 'group';
    return KIND[k] || KIND.group || { color: '#64748b', shape: 'ellipse' };
  }

  // Label size on screen, in pixels, at the zoom the graph opens with.
  var LABEL_PX = 14;
  // The zoom label sizes are set for (style functions below divide by it).
  var scale = 1;
  function px(n) { return function () { return n / scale; }; }
  // Sizes on screen at that zoom: nodes 22–44 px by how many relations they carry, edges
  // 2.5–6 px by how many reports stand behind them.
  // On a phone-sized canvas everything is a little smaller, so that the graph fits at a zoom
  // where labels stay legible.
  var narrow = false;
  function nodeSize(n) {
    var base = narrow ? 16 : 22;
    return (base + base * Math.min(Math.max((n.data('weight') || 1) - 1, 0), 19) / 19) / scale;
  }
  function edgeWidth(e) { return (2.5 + 3.5 * Math.min(Math.max((e.data('count') || 1) - 1, 0), 9) / 9) / scale; }

  /** A name for the canvas: organisations' parenthesised history dropped, long names cut
   *  (shorter on a phone). The full name is in the side panel. */
  function shortLabel(name, max) {
    var s = String(name || '').split(' (')[0].trim();
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'href') node.setAttribute('href', safeHref(attrs[k]));
      else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child == null) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Only links into this app: the API gives relative paths.
  function safeHref(h) {
    return (typeof h === 'string' && h.charAt(0) === '/' && h.charAt(1) !== '/') ? h : '#';
  }

  function entityHref(id) { return '/entities/' + encodeURIComponent(id); }

  function init() {
    var container = document.getElementById('cy');
    if (!container) return;
    readLegend();
    drawSamples();
    narrow = container.clientWidth < 600;
    var status = document.getElementById('graph-status');
    var detail = document.getElementById('graph-detail');
    var form = document.getElementById('graph-filters');
    if (typeof cytoscape === 'undefined') {
      status.textContent = 'The graph library did not load.';
      return;
    }

    var cy = cytoscape({
      container: container,
      elements: [],
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 3,
      style: [
        { selector: 'node', style: {
          'background-color': function (n) { return kindStyle(n.data('kind')).color; },
          'shape': function (n) { return kindStyle(n.data('kind')).shape; },
          'label': 'data(label)', 'color': '#1d2330', 'font-size': function () { return (narrow ? 13 : LABEL_PX) / scale; },
          'text-valign': 'bottom', 'text-margin-y': px(4), 'min-zoomed-font-size': 0,
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': px(2),
          'width': nodeSize, 'height': nodeSize,
          'border-width': px(2), 'border-color': '#ffffff'
        } },
        // Past the number of labels the canvas can hold legibly, the lesser actors' labels wait
        // for the reader to zoom in (drawn below 12 px, cytoscape leaves them out).
        { selector: 'node.minor', style: {
          'font-size': function () { return (narrow ? 13 : LABEL_PX) * 0.6 / scale; },
          'min-zoomed-font-size': 12
        } },
        { selector: 'node:selected', style: { 'border-color': '#1d2330', 'border-width': px(3) } },
        { selector: 'node.focus', style: { 'border-color': '#1d2330', 'border-width': px(4) } },
        { selector: 'edge', style: {
          'width': edgeWidth,
          'line-color': function (e) { return rel(e.data('relation')).color; },
          'target-arrow-color': function (e) { return rel(e.data('relation')).color; },
          'target-arrow-shape': function (e) { return rel(e.data('relation')).arrow; },
          'line-style': function (e) { return rel(e.data('relation')).dash ? 'dashed' : 'solid'; },
          'line-dash-pattern': function (e) {
            return (rel(e.data('relation')).dash || [6, 3]).map(function (d) { return d / scale; });
          },
          'line-cap': 'round',
          'curve-style': 'bezier', 'arrow-scale': 1.1, 'opacity': 0.9
        } },
        // Relation names only where asked for: colour and dash carry the type, the legend names them.
        { selector: 'edge:selected, edge.hover', style: {
          'label': 'data(label)', 'font-size': px(12), 'color': '#1d2330', 'text-rotation': 'autorotate',
          'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': 2
        } },
        { selector: 'edge:selected', style: { 'width': px(6), 'opacity': 1 } }
      ]
    });
    window.armsgraphCy = cy;

    function query() {
      var data = new FormData(form);
      var params = new URLSearchParams();
      ['from', 'to', 'entity'].forEach(function (k) {
        var v = (data.get(k) || '').toString().trim();
        if (v) params.set(k, v);
      });
      var all = form.querySelectorAll('input[name="rel"]');
      var checked = data.getAll('rel');
      if (checked.length !== all.length) params.set('relations', checked.join(','));
      return params.toString();
    }

    function showNode(node) {
      var d = node.data();
      var list = el('ul');
      node.connectedEdges().forEach(function (e) {
        var ed = e.data();
        var other = ed.source === d.id ? e.target().data('name') : e.source().data('name');
        var dir = ed.source === d.id ? '→ ' : '← ';
        list.appendChild(el('li', {}, el('b', { text: rel(ed.relation).name }), ' ' + dir + other +
          ' (' + (ed.total || ed.evidence.length) + ')'));
      });
      detail.textContent = '';
      detail.appendChild(el('h3', {}, el('a', { href: entityHref(d.id), text: d.name })));
      detail.appendChild(el('p', { class: 'meta', text: String(d.kind || '').replace('_', ' ') }));
      detail.appendChild(list);
    }

    function showEdge(edge) {
      var d = edge.data();
      detail.textContent = '';
      detail.appendChild(el('h3', {}, el('a', { href: entityHref(d.source), text: edge.source().data('name') }),
        ' → ', el('a', { href: entityHref(d.target), text: edge.target().data('name') })));
      detail.appendChild(el('p', {}, el('b', { text: rel(d.relation).name }),
        ' · ' + (d.total || d.evidence.length) + ((d.total || d.evidence.length) === 1 ? ' source' : ' sources') +
        (d.total > d.evidence.length ? ' (first ' + d.evidence.length + ' listed)' : '')));
      var list = el('ul');
      d.evidence.forEach(function (ev) {
        list.appendChild(el('li', {},
          ev.time ? el('span', { class: 'meta', text: ev.time + ' ' }) : null,
          el('span', { text: ev.summary }),
          ev.sentence ? el('blockquote', { text: ev.sentence }) : null,
          ev.href
            ? el('a', { href: ev.href, text: 'evidence in document →' })
            : el('span', { class: 'meta', text: 'source: ' + sourceName(ev.source) })));
      });
      detail.appendChild(list);
    }

    cy.on('mouseover', 'edge', function (e) { e.target.addClass('hover'); });
    cy.on('mouseout', 'edge', function (e) { e.target.removeClass('hover'); });
    cy.on('tap', 'node', function (e) { showNode(e.target); });
    cy.on('tap', 'edge', function (e) { showEdge(e.target); });

    /** Dataset names for reference sources; document sources link instead. */
    function sourceName(source) {
      var s = String(source || '');
      if (s.indexOf('reference:') !== 0) return s;
      var ds = s.split(':')[1] || '';
      if (ds.indexOf('ucdp-acd-') === 0) return 'UCDP/PRIO Armed Conflict Dataset ' + ds.slice(9);
      if (ds === 'alliance-memberships') return 'alliance membership list';
      if (ds.indexOf('sipri') === 0) return 'SIPRI Arms Transfers Database';
      return ds.replace(/[-_]/g, ' ');
    }

    // Label sizes in graph units so that they show at LABEL_PX on screen at the zoom the
    // graph opens with (zooming in then enlarges them, as one expects).
    function scaleLabels() {
      scale = cy.zoom() || 1;
      cy.style().update();
    }

    function boxes(nodes, pad) {
      return nodes.map(function (n) {
        var b = n.boundingBox({ includeLabels: !n.hasClass('minor'), includeOverlays: false, useCache: false });
        return { x1: b.x1 - pad, x2: b.x2 + pad, y1: b.y1 - pad, y2: b.y2 + pad };
      });
    }

    /**
     * Pushes apart nodes whose boxes (shape and label) overlap, the smaller overlap axis first,
     * until none does or the rounds run out; returns how many pushes it made (0: no overlap).
     * Deterministic: ties move by index.
     */
    function separate(pad) {
      var nodes = cy.nodes().toArray();
      var n = nodes.length;
      if (n < 2) return 0;
      var pos = nodes.map(function (x) { var p = x.position(); return { x: p.x, y: p.y }; });
      var bb = boxes(nodes, pad);
      var rounds = n > 400 ? 10 : n > 150 ? 30 : 200;
      var clean = false;
      var moves = 0;
      for (var round = 0; round < rounds && !clean; round++) {
        clean = true;
        for (var i = 0; i < n; i++) {
          for (var j = i + 1; j < n; j++) {
            var a = bb[i], b = bb[j];
            var ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
            var oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
            if (ox <= 0 || oy <= 0) continue;
            clean = false;
            moves++;
            var dx = 0, dy = 0;
            if (ox < oy) {
              var sx = (a.x1 + a.x2) / 2 <= (b.x1 + b.x2) / 2 ? -1 : 1;
              dx = sx * (ox / 2 + 0.5);
            } else {
              var sy = (a.y1 + a.y2) / 2 <= (b.y1 + b.y2) / 2 ? -1 : 1;
              dy = sy * (oy / 2 + 0.5);
            }
            pos[i].x += dx; pos[i].y += dy; a.x1 += dx; a.x2 += dx; a.y1 += dy; a.y2 += dy;
            pos[j].x -= dx; pos[j].y -= dy; b.x1 -= dx; b.x2 -= dx; b.y1 -= dy; b.y2 -= dy;
          }
        }
      }
      if (moves) {
        cy.batch(function () {
          nodes.forEach(function (x, k) { x.position(pos[k]); });
        });
      }
      return moves;
    }

    /**
     * Stretches the layout over the canvas: a force layout's scale is arbitrary, and at a zoom
     * far from 1 sizes chosen in screen pixels would crowd (zoom < 1) or waste it (zoom > 1).
     * Each axis is scaled on its own, within a factor of 2.5 of the other.
     */
    function spread(padding) {
      var nodes = cy.nodes();
      if (nodes.length < 2) return;
      var x1 = Infinity, x2 = -Infinity, y1 = Infinity, y2 = -Infinity;
      nodes.forEach(function (n) {
        var p = n.position();
        x1 = Math.min(x1, p.x); x2 = Math.max(x2, p.x); y1 = Math.min(y1, p.y); y2 = Math.max(y2, p.y);
      });
      // Room for the largest node and a label below and beside each centre.
      var w = Math.max(cy.width() - 2 * padding - (narrow ? 90 : 140), 60);
      var h = Math.max(cy.height() - 2 * padding - 60, 60);
      var sx = x2 > x1 ? w / (x2 - x1) : 1;
      var sy = y2 > y1 ? h / (y2 - y1) : 1;
      if (x2 <= x1) sx = sy;
      if (y2 <= y1) sy = sx;
      sx = Math.min(sx, sy * 2.5);
      sy = Math.min(sy, sx * 2.5);
      cy.batch(function () {
        nodes.forEach(function (n) {
          var p = n.position();
          n.position({ x: (p.x - x1) * sx, y: (p.y - y1) * sy });
        });
      });
    }

    /**
     * Lays the graph out before it is shown: a circle for a few actors, else a force layout
     * from circle positions (no randomness: the same data gives the same picture); stretched
     * over the canvas, fitted, labels sized for that zoom and overlaps removed, repeated until
     * fitting no longer changes the zoom.
     */
    function placeAndFit(count) {
      var padding = count <= 3 ? 80 : (narrow ? 12 : 30);
      // As many labels as the canvas holds legibly (about one per 15,000 px², 8,000 on a
      // phone), for the actors with most relations; the others are shown on zoom.
      var budget = Math.max(12, Math.floor(cy.width() * cy.height() / (narrow ? 8000 : 15000)));
      var ranked = cy.nodes().sort(function (a, b) {
        return (b.data('weight') - a.data('weight')) || (a.id() < b.id() ? -1 : 1);
      });
      function label(top) {
        ranked.forEach(function (n, i) { if (i >= top) n.addClass('minor'); else n.removeClass('minor'); });
      }
      function atZoomOne() {
        // Work at zoom 1, where graph units are screen pixels: sizes are what the reader sees.
        scale = 1;
        cy.style().update();
        cy.zoom(1);
        cy.pan({ x: 0, y: 0 });
      }
      label(budget);
      atZoomOne();
      cy.layout({ name: 'circle', animate: false, avoidOverlap: true, padding: padding,
        sort: function (a, b) { return (b.data('weight') - a.data('weight')) || (a.id() < b.id() ? -1 : 1); } }).run();
      if (count > 14) {
        cy.layout({ name: 'cose', animate: false, randomize: false, fit: false, componentSpacing: 80,
          nodeRepulsion: function () { return 400000; }, nodeOverlap: 20, gravity: 0.3,
          idealEdgeLength: function () { return 90; }, numIter: 2500 }).run();
      }
      var laidOut = cy.nodes().map(function (n) { var p = n.position(); return { x: p.x, y: p.y }; });
      // When the labels the budget allows cannot be packed at their size (each push apart
      // zooms the fitted graph out, which makes the labels larger in graph units, and so on),
      // fewer labels are drawn at the opening zoom and the packing starts again from the
      // force layout's positions; the lesser actors' labels show on zoom.
      // A hundred actors and more do not pack on one canvas whatever the labels (their
      // shapes alone fill it: docs/notes/webui.md): one attempt, as packed as its rounds go.
      var attempts = count <= 100 ? 5 : 1;
      for (var attempt = 0; attempt < attempts; attempt++) {
        if (attempt > 0) {
          budget = Math.max(6, Math.floor(Math.min(budget, count) * 0.6));
          label(budget);
          atZoomOne();
          cy.batch(function () {
            cy.nodes().forEach(function (n, k) { n.position({ x: laidOut[k].x, y: laidOut[k].y }); });
          });
        }
        if (pack(count, padding, attempt === attempts - 1)) return;
      }
      if (Math.abs(cy.zoom() - scale) > 0.02 * scale) scaleLabels();
    }

    // Below this opening zoom a packing attempt gives up for one with fewer labels.
    var MIN_PACKED_ZOOM = 0.3;

    /**
     * Squeezes the layout into the canvas, fits it and sizes labels for that zoom, pushing
     * apart what overlaps until the zoom holds and nothing overlaps; false when that did not
     * happen within the rounds (or, but for the `last` attempt, the zoom fell below
     * MIN_PACKED_ZOOM).
     */
    function pack(count, padding, last) {
      // Squeeze into the canvas and push apart, until apart: a packing heuristic that uses
      // both axes of the canvas, wide or tall.
      var gap = narrow ? 3 : 6;
      // Pairwise separation is quadratic: a very large graph gets fewer rounds.
      var rounds = count > 400 ? 1 : count > 150 ? 4 : 12;
      for (var round = 0; round < rounds; round++) {
        spread(padding);
        if (separate(gap) === 0) break;
      }
      fit(count, padding);
      // Labels back to their size on screen if fitting zoomed out, then settle: pushing the
      // larger labels apart and fitting again may zoom out once more, so repeat until the zoom
      // holds and nothing overlaps, with labels scaled to the final zoom (never smaller on
      // screen than LABEL_PX, however many actors the graph has).
      // A graph too large to pack settles four times, as far as readable shapes allow.
      var settles = count > 100 ? 4 : 10;
      for (var settle = 0; settle < settles; settle++) {
        var rescaled = Math.abs(cy.zoom() - scale) > 0.02 * scale;
        if (rescaled) scaleLabels();
        var pushed = separate(gap / (cy.zoom() || 1));
        if (pushed > 0) fit(count, padding);
        if (!rescaled && pushed === 0) return true;
        // Zoomed out past where actors stay readable: fewer labels will pack better (the
        // last attempt settles as far as its rounds go).
        if (!last && cy.zoom() < MIN_PACKED_ZOOM) return false;
      }
      // A very large graph (one round of pushes) is shown as packed.
      return count > 400;
    }

    function fit(count, padding) {
      cy.fit(undefined, padding);
      // A lone actor or pair is not blown up to fill the canvas.
      if (count <= 2 && cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }
    }

    function load() {
      var qs = query();
      history.replaceState(null, '', '/graph' + (qs ? '?' + qs : ''));
      status.textContent = 'Loading the graph…';
      fetch('/api/graph' + (qs ? '?' + qs : ''))
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, json: j }; }); })
        .then(function (res) {
          if (!res.ok) {
            status.textContent = 'Cannot show the graph: ' + res.json.error;
            return;
          }
          var g = res.json;
          var elements = g.nodes.map(function (n) {
            return { group: 'nodes', data: { id: n.id, label: shortLabel(n.name || n.id, container.clientWidth < 600 ? 18 : 28), name: n.name || n.id,
              kind: n.kind, weight: n.weight } };
          }).concat(g.edges.map(function (e) {
            var total = e.evidence_total || e.evidence.length;
            var label = rel(e.relation).name + (total > 1 ? ' ×' + total : '');
            return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, relation: e.relation,
              evidence: e.evidence, total: total, count: total, label: label } };
          }));
          cy.elements().remove();
          cy.add(elements);
          if (g.focus) cy.getElementById(g.focus).addClass('focus');
          var began = performance.now();
          placeAndFit(g.nodes.length);
          container.setAttribute('data-layout-ms', String(Math.round(performance.now() - began)));
          var focus = g.focus ? cy.getElementById(g.focus) : null;
          var around = focus && focus.length ? ' around ' + focus.data('name') : (g.focus ? ' around ' + g.focus : '');
          status.textContent = g.nodes.length
            ? g.nodes.length + ' actors, ' + g.edges.length + ' relations' + around + '. Click one for its evidence; drag to rearrange, scroll to zoom.'
            : 'No relation matches these filters' + around + '.';
          container.setAttribute('data-nodes', String(g.nodes.length));
        })
        .catch(function (err) { status.textContent = 'Cannot load the graph: ' + err; });
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); load(); });
    form.querySelectorAll('input[name="rel"]').forEach(function (box) {
      box.addEventListener('change', load);
    });
    load();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
