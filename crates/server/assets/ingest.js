// armsgraph ingest page: send pasted text or a chosen file to POST /api/ingest with the token.
(function () {
  'use strict';
  var form = document.getElementById('ingest-form');
  if (!form) return;
  var result = document.getElementById('ingest-result');
  var text = document.getElementById('text');
  var file = document.getElementById('file');
  var token = document.getElementById('token');
  var filename = null;
  var isHtml = null;

  try { token.value = sessionStorage.getItem('armsgraph-token') || ''; } catch (e) { /* storage off */ }

  file.addEventListener('change', function () {
    var f = file.files && file.files[0];
    if (!f) return;
    f.text().then(function (content) {
      text.value = content;
      filename = f.name;
      isHtml = /\.html?$/i.test(f.name) ? true : null;
    });
  });
  text.addEventListener('input', function () { filename = null; isHtml = null; });

  function count(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function show(kind, nodes) {
    result.textContent = '';
    var box = document.createElement('div');
    box.className = kind;
    nodes.forEach(function (n) { box.appendChild(typeof n === 'string' ? document.createTextNode(n) : n); });
    result.appendChild(box);
    box.scrollIntoView({ block: 'nearest' });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var data = new FormData(form);
    var body = { text: text.value };
    ['title', 'url', 'published', 'language'].forEach(function (k) {
      var v = (data.get(k) || '').toString().trim();
      if (v) body[k] = v;
    });
    if (filename) body.filename = filename;
    if (isHtml !== null) body.html = isHtml;
    try { sessionStorage.setItem('armsgraph-token', token.value); } catch (err) { /* storage off */ }
    show('how', ['Reading…']);
    fetch('/api/ingest', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token.value },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, json: json }; });
    }).then(function (res) {
      var j = res.json;
      if (!res.ok) {
        show('result-error', ['Not stored (' + j.status + '): ' + j.error]);
        return;
      }
      var link = document.createElement('a');
      link.href = (typeof j.href === 'string' && j.href.charAt(0) === '/') ? j.href : '#';
      link.textContent = j.title || j.id;
      var what = j.outcome === 'duplicate' ? 'Already stored: ' : 'Stored: ';
      var warnings = (j.warnings || []).length;
      show('result-ok', [what, link, ' — ' + count(j.entities, 'entity', 'entities') + ', ' +
        count(j.events, 'event', 'events') + ', ' + count(j.quotes, 'quote', 'quotes') +
        (warnings ? ', ' + count(warnings, 'warning', 'warnings') : '')]);
    }).catch(function (err) {
      show('result-error', ['Request failed: ' + err]);
    });
  });
})();
