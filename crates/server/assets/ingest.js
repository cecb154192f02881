// armsgraph ingest page: send pasted text or a chosen file to POST /api/ingest with the token.
(function () {
  'use strict';
  var form = document.getElementById('ingest-form');
  if (!form) return;
  var result = document.getElementById('ingest-result');
  var text = document.getElementById('text');
  var file = document.getElementById('file');
  var token = document.getElementById('token');
  // Accounts mode: no token field; the session cookie and the page's CSRF token stand for it.
  var csrf = form.csrf ? form.csrf.value : '';
  var collection = document.getElementById('collection');
  function auth(headers) {
    if (csrf) headers['X-CSRF-Token'] = csrf;
    else headers.Authorization = 'Bearer ' + token.value;
    return headers;
  }
  function remember() {
    if (!token) return;
    try { sessionStorage.setItem('armsgraph-token', token.value); } catch (err) { /* storage off */ }
  }
  function inCollection() {
    var c = collection ? collection.value.trim() : '';
    return c ? 'collection=' + encodeURIComponent(c) : '';
  }
  var filename = null;
  var isHtml = null;
  // A file that is not plain text or HTML (PDF, scan, DOCX/ODT, e-mail, mailbox, feed, WARC)
  // is sent as its bytes to /api/ingest/file, which reads it as `armsgraph ingest` would.
  var binary = null;
  var TEXT_FILE = /\.(txt|text|md|markdown|html?|xhtml)$/i;

  if (token) {
    try { token.value = sessionStorage.getItem('armsgraph-token') || ''; } catch (e) { /* storage off */ }
  }

  file.addEventListener('change', function () {
    var f = file.files && file.files[0];
    binary = null;
    text.required = true;
    if (!f) return;
    if (!TEXT_FILE.test(f.name)) {
      binary = f;
      filename = f.name;
      text.value = '';
      text.required = false;
      show('how', ['"' + f.name + '" will be read by its format (PDF, scan, office file, e-mail, feed, archive); title, URL and date come from the file.']);
      return;
    }
    f.text().then(function (content) {
      text.value = content;
      filename = f.name;
      isHtml = /\.html?$/i.test(f.name) ? true : null;
    });
  });
  text.addEventListener('input', function () {
    filename = null; isHtml = null;
    if (binary && text.value) { binary = null; text.required = true; file.value = ''; }
  });

  function count(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function show(kind, nodes) {
    result.textContent = '';
    var box = document.createElement('div');
    box.className = kind;
    nodes.forEach(function (n) { box.appendChild(typeof n === 'string' ? document.createTextNode(n) : n); });
    result.appendChild(box);
    box.scrollIntoView({ block: 'nearest' });
  }

  function docLink(j) {
    var link = document.createElement('a');
    link.href = (typeof j.href === 'string' && j.href.charAt(0) === '/') ? j.href : '#';
    link.textContent = j.title || j.id;
    return link;
  }

  function sendFile(f) {
    show('how', ['Reading ' + f.name + '…']);
    var c = inCollection();
    fetch('/api/ingest/file?name=' + encodeURIComponent(f.name) + (c ? '&' + c : ''), {
      method: 'POST',
      credentials: 'same-origin',
      headers: auth({ 'Content-Type': 'application/octet-stream' }),
      body: f
    }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, status: r.status, json: json }; });
    }).then(function (res) {
      var j = res.json;
      if (!j.documents) {
        show('result-error', ['Not stored (' + j.status + '): ' + j.error]);
        return;
      }
      var nodes = [];
      j.documents.forEach(function (d, i) {
        if (i > 0) nodes.push(document.createElement('br'));
        nodes.push(d.outcome === 'duplicate' ? 'Already stored: ' : 'Stored: ');
        nodes.push(docLink(d));
        nodes.push(' — ' + count(d.entities, 'entity', 'entities') + ', ' +
          count(d.events, 'event', 'events') + ', ' + count(d.quotes, 'quote', 'quotes'));
      });
      j.failed.forEach(function (f) {
        if (nodes.length) nodes.push(document.createElement('br'));
        nodes.push('Not read: ' + f.origin + ' — ' + f.reason);
      });
      show(j.documents.length ? 'result-ok' : 'result-error', nodes);
    }).catch(function (err) {
      show('result-error', ['Request failed: ' + err]);
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    remember();
    if (binary) { sendFile(binary); return; }
    var data = new FormData(form);
    var body = { text: text.value };
    ['title', 'url', 'published', 'language'].forEach(function (k) {
      var v = (data.get(k) || '').toString().trim();
      if (v) body[k] = v;
    });
    if (filename) body.filename = filename;
    if (isHtml !== null) body.html = isHtml;
    remember();
    show('how', ['Reading…']);
    var c = inCollection();
    fetch('/api/ingest' + (c ? '?' + c : ''), {
      method: 'POST',
      credentials: 'same-origin',
      headers: auth({ 'Content-Type': 'application/json' }),
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
