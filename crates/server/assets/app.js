// armsgraph document view: a click on a highlight opens what was read from it in the side
// panel. Everything shown was rendered (and escaped) by the server; this only toggles it.
(function () {
  'use strict';

  function init() {
    var docText = document.querySelector('.doc-text');
    if (!docText) return;
    // The headline (in the page's h1) carries highlights too: the whole article is clickable.
    var text = docText.closest('article') || docText;
    var overview = document.getElementById('overview');
    var details = document.getElementById('details');
    var close = document.getElementById('close-details');

    function atomsOf(key) {
      return Array.prototype.filter.call(text.querySelectorAll('.ann'), function (el) {
        return (el.getAttribute('data-ann') || '').split(' ').indexOf(key) >= 0;
      });
    }

    function clearSelection() {
      text.querySelectorAll('.ann.selected').forEach(function (el) { el.classList.remove('selected'); });
    }

    function open(keys) {
      keys = keys.filter(function (k) { return document.getElementById('d-' + k); });
      if (!keys.length) return;
      details.querySelectorAll('.detail').forEach(function (d) { d.hidden = true; });
      keys.forEach(function (k) {
        var d = document.getElementById('d-' + k);
        d.hidden = false;
        details.appendChild(d); // keep the innermost annotation first
      });
      clearSelection();
      atomsOf(keys[0]).forEach(function (el) { el.classList.add('selected'); });
      overview.hidden = true;
      details.hidden = false;
      details.scrollTop = 0;
    }

    text.addEventListener('click', function (e) {
      var atom = e.target.closest('.ann');
      if (!atom) return;
      open((atom.getAttribute('data-ann') || '').split(' ').filter(Boolean));
    });
    text.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      var atom = e.target.closest('.ann');
      if (!atom) return;
      e.preventDefault();
      open((atom.getAttribute('data-ann') || '').split(' ').filter(Boolean));
    });
    document.querySelectorAll('[data-open]').forEach(function (link) {
      link.addEventListener('click', function () { open([link.getAttribute('data-open')]); });
    });
    if (close) {
      close.addEventListener('click', function () {
        clearSelection();
        details.hidden = true;
        overview.hidden = false;
      });
    }
    // The raw JSON of an item is fetched when first opened (the fields above show it all).
    var docId = docText.getAttribute('data-document');
    var stored = null;
    document.querySelectorAll('details.raw[data-part]').forEach(function (box) {
      box.addEventListener('toggle', function () {
        var pre = box.querySelector('pre');
        if (!box.open || !pre || pre.textContent) return;
        stored = stored || fetch('/api/documents/' + encodeURIComponent(docId)).then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.json();
        });
        stored.then(function (doc) {
          var list = doc.extraction[box.getAttribute('data-part')] || [];
          var item = list[Number(box.getAttribute('data-index'))];
          pre.textContent = JSON.stringify(item, null, 2);
        }).catch(function (err) { pre.textContent = 'Cannot load: ' + err.message; });
      });
    });

    var focus = text.querySelector('.ann.hl');
    if (focus) focus.scrollIntoView({ block: 'center' });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
