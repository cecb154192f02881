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
    if (saved && !form.token.value) form.token.value = saved;
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var out = form.querySelector('.correct-result');
      var kind = form.kind.value;
      var value = form.value.value.trim();
      var body = { kind: kind, target: form.dataset.target, reason: form.reason.value, by: form.by.value };
      // A split names the surface form; the new entity's id is made from it.
      if (kind === 'split') { body.surface = value; } else if (value) { body.value = value; }
      try { sessionStorage.setItem('armsgraph-token', form.token.value); } catch (e) { /* storage off */ }
      out.textContent = 'saving…';
      fetch('/api/corrections', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + form.token.value },
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
