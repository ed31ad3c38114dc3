// The list page's filters and search, as progressive enhancement: without JavaScript the
// form stays hidden and the page is the full table plus plain links (browse by country,
// type, medium, topic, year). With it, the form filters the rows in place. The search
// index was built at build time (search-index.js, MiniSearch's JSON); no server is asked.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var table = document.getElementById('engagement-list');
  var count = document.getElementById('count');
  if (!form || !table || !count || !window.MiniSearch || !window.ENGAGEMENTS_SEARCH) return;
  var data = window.ENGAGEMENTS_SEARCH;
  var search = window.MiniSearch.loadJSON(JSON.stringify(data.index), data.options);
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var total = rows.length;
  var fields = ['q', 'country', 'type', 'medium', 'topics', 'from', 'to'];

  function words(value) {
    return value ? value.split(' ') : [];
  }

  function apply() {
    var q = form.elements.q.value.trim();
    var country = form.elements.country.value;
    var type = form.elements.type.value;
    var medium = form.elements.medium.value;
    var topic = form.elements.topics.value;
    var from = form.elements.from.value;
    var to = form.elements.to.value;
    var hits = null;
    if (q) {
      hits = new Set();
      search.search(q, { prefix: true, fuzzy: 0.2, combineWith: 'AND' }).forEach(function (r) { hits.add(r.id); });
    }
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!hits || hits.has(d.id)) &&
        (!country || words(d.countries).indexOf(country) >= 0) &&
        (!type || d.type === type) &&
        (!medium || d.medium === medium) &&
        (!topic || words(d.topics).indexOf(topic) >= 0) &&
        (!from || d.date >= from) &&
        (!to || d.date <= to);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown === total ? total + ' engagements.' : shown + ' of ' + total + ' engagements match.';
    var params = new URLSearchParams();
    fields.forEach(function (f) { if (form.elements[f].value) params.set(f, form.elements[f].value); });
    try {
      history.replaceState(null, '', params.toString() ? '?' + params.toString() : location.pathname);
    } catch (e) {
      // Some browsers refuse to change the address of a file:// page; the filters still work.
    }
  }

  var initial = new URLSearchParams(location.search);
  fields.forEach(function (f) { if (initial.has(f)) form.elements[f].value = initial.get(f); });
  form.hidden = false;
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  apply();
})();
