// armsgraph graph view: actors and their relations from /api/graph, drawn with cytoscape.js.
// Text from documents is only ever put into the page as text nodes, never as markup.
(function () {
  'use strict';

  var KIND_COLORS = {
    state: '#2f6fd6', organisation: '#7a4fc4', person: '#18885a', place: '#9a6a2f',
    weapon_system: '#c2410c', weapon_category: '#c2410c', group: '#64748b'
  };
  var REL_COLORS = {
    arms_transfer: '#d9480f', conflict: '#c92a2a', dispute: '#e67700',
    cooperation: '#2b8a3e', alliance: '#5f3dc4'
  };
  var REL_LABELS = {
    arms_transfer: 'arms transfer', conflict: 'conflict', dispute: 'dispute',
    cooperation: 'cooperation', alliance: 'alliance'
  };

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
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        { selector: 'node', style: {
          'background-color': function (n) { return KIND_COLORS[n.data('kind')] || '#64748b'; },
          'label': 'data(label)', 'color': '#1d2330', 'font-size': 14,
          'text-valign': 'bottom', 'text-margin-y': 5,
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 2,
          'width': 'mapData(weight, 1, 20, 26, 60)', 'height': 'mapData(weight, 1, 20, 26, 60)',
          'border-width': 2, 'border-color': '#ffffff'
        } },
        { selector: 'node:selected', style: { 'border-color': '#1d2330', 'border-width': 3 } },
        { selector: 'node.focus', style: { 'border-color': '#ffd43b', 'border-width': 4 } },
        { selector: 'edge', style: {
          'width': 'mapData(count, 1, 10, 2, 7)',
          'line-color': function (e) { return REL_COLORS[e.data('relation')] || '#94a3b8'; },
          'target-arrow-color': function (e) { return REL_COLORS[e.data('relation')] || '#94a3b8'; },
          'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 1.1,
          'opacity': 0.8
        } },
        // Relation names only where asked for: colours carry the type, the legend names them.
        { selector: 'edge:selected, edge.hover', style: {
          'label': 'data(label)', 'font-size': 11, 'color': '#1d2330', 'text-rotation': 'autorotate',
          'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': 2
        } },
        { selector: 'edge[relation = "dispute"]', style: { 'line-style': 'dashed' } },
        { selector: 'edge[relation = "alliance"]', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none' } },
        { selector: 'edge:selected', style: { 'width': 6, 'opacity': 1 } }
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
        var other = ed.source === d.id ? e.target().data('label') : e.source().data('label');
        var dir = ed.source === d.id ? '→ ' : '← ';
        list.appendChild(el('li', {}, el('b', { text: REL_LABELS[ed.relation] || ed.relation }), ' ' + dir + other +
          ' (' + (ed.total || ed.evidence.length) + ')'));
      });
      detail.textContent = '';
      detail.appendChild(el('h3', {}, el('a', { href: entityHref(d.id), text: d.label })));
      detail.appendChild(el('p', { class: 'meta', text: d.kind + ' · ' + d.id }));
      detail.appendChild(list);
    }

    function showEdge(edge) {
      var d = edge.data();
      detail.textContent = '';
      detail.appendChild(el('h3', {}, el('a', { href: entityHref(d.source), text: edge.source().data('label') }),
        ' → ', el('a', { href: entityHref(d.target), text: edge.target().data('label') })));
      detail.appendChild(el('p', {}, el('b', { text: REL_LABELS[d.relation] || d.relation }),
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
            : el('span', { class: 'meta', text: 'source: ' + ev.source })));
      });
      detail.appendChild(list);
    }

    cy.on('mouseover', 'edge', function (e) { e.target.addClass('hover'); });
    cy.on('mouseout', 'edge', function (e) { e.target.removeClass('hover'); });
    cy.on('tap', 'node', function (e) { showNode(e.target); });
    cy.on('tap', 'edge', function (e) { showEdge(e.target); });

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
            return { group: 'nodes', data: { id: n.id, label: n.name || n.id, kind: n.kind, weight: n.weight } };
          }).concat(g.edges.map(function (e) {
            var total = e.evidence_total || e.evidence.length;
            var label = (REL_LABELS[e.relation] || e.relation) + (total > 1 ? ' ×' + total : '');
            return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, relation: e.relation,
              evidence: e.evidence, total: total, count: total, label: label } };
          }));
          cy.elements().remove();
          cy.add(elements);
          if (g.focus) cy.getElementById(g.focus).addClass('focus');
          // A few actors read best on a circle (densely tied states would bunch up under a
          // force layout); larger graphs need the force layout to show their clusters.
          var layout = g.nodes.length <= 14
            ? { name: 'circle', animate: false, padding: 60, avoidOverlap: true,
                sort: function (a, b) { return b.data('weight') - a.data('weight'); } }
            : { name: 'cose', animate: false, padding: 50, randomize: false, componentSpacing: 120,
                nodeRepulsion: function () { return 600000; }, nodeOverlap: 40, gravity: 0.2,
                idealEdgeLength: function () { return 170; }, numIter: 2500 };
          cy.layout(layout).run();
          cy.fit(undefined, 40);
          var focus = g.focus ? cy.getElementById(g.focus) : null;
          var around = focus && focus.length ? ' around ' + focus.data('label') : (g.focus ? ' around ' + g.focus : '');
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
