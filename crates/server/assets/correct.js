// armsgraph correction forms: send {kind, target, value, reason, by} to POST /api/corrections
// with the token (kept for the tab like the ingest page's), then show the corrected page.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form.correct-form');
  var saved = '';
  try { saved = sessionStorage.getItem('armsgraph-token') || ''; } catch (e) { /* storage off */ }
  Array.prototype.forEach.call(forms, function (form) {
    if (form.dataset.bound) return;
    form.dataset.bound = '1';
    // Accounts mode: the page carries the session's CSRF token; the session cookie is the
    // credential, so the token field goes away.
    var csrf = form.csrf ? form.csrf.value : '';
    if (csrf) {
      form.token.required = false;
      form.token.hidden = true;
      form.by.hidden = true;
    } else if (saved && !form.token.value) {
      form.token.value = saved;
    }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var out = form.querySelector('.correct-result');
      var kind = form.kind.value;
      var value = form.value.value.trim();
      var body = { kind: kind, target: form.dataset.target, reason: form.reason.value, by: form.by.value };
      // A split names the surface form; the new entity's id is made from it.
      if (kind === 'split') { body.surface = value; } else if (value) { body.value = value; }
      var headers = { 'Content-Type': 'application/json' };
      if (csrf) {
        headers['X-CSRF-Token'] = csrf;
      } else {
        try { sessionStorage.setItem('armsgraph-token', form.token.value); } catch (e) { /* storage off */ }
        headers.Authorization = 'Bearer ' + form.token.value;
      }
      out.textContent = 'saving…';
      fetch('/api/corrections', {
        method: 'POST',
        credentials: 'same-origin',
        headers: headers,
        body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (j) { return { ok: r.ok, j: j }; });
      }).then(function (res) {
        if (res.ok) {
          out.textContent = 'saved (correction ' + res.j.correction.id + '); reloading…';
          window.location.reload();
        } else {
          out.textContent = res.j.error || 'not saved';
        }
      }).catch(function (e) { out.textContent = 'not saved: ' + e; });
    });
  });
})();
