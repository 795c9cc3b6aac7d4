// Support finder: filters the tasks and boxes of data/finder.json by words, plan, theme, audience and kind of support.
// The filter state lives in the address (?q=…&plan=…&theme=…&audience=…&support=…&group=1): shareable, and
// back/forward restore it. Without JavaScript the page keeps its full list of items, grouped by plan.
//
// Filters are predicates in one list (`filters` below), each with the name of its address parameter, how to read and
// write it, whether an item passes and how to name it to the reader. The counts, the "drop a filter" advice and the
// address all go through that list, so one more filter (a word box, say) is one more entry: see addFilter.
// The rule for an audience is hooks/plansite/finder.py's: it also takes the items for the broader group it is within.
(function () {
  var form = document.getElementById("finder");
  var results = document.getElementById("finder-results");
  var count = document.getElementById("finder-count");
  var advice = document.getElementById("finder-advice");
  var config = JSON.parse(document.getElementById("finder-config").textContent);
  var lang = results.dataset.lang;  // the edition: zh, zh-hant or en (the keys of the texts in finder.json)
  var chinese = lang !== "en";
  var words = count.dataset;
  var data = null;
  var vocab = {};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  // A filter bound to one <select> of the form: its value is an ID of a vocabulary of finder.json.
  function selectFilter(key, field, vocabulary) {
    var control = form.elements[key];
    return {
      key: key,
      get: function () { return control.value; },
      set: function (value) { control.value = value || ""; },
      touched: function () {
        var first = Array.prototype.find.call(control.options, function (o) { return o.defaultSelected; }) || control.options[0];
        return control.value !== (first ? first.value : "");
      },
      accepts: function (value) {
        var term = vocab[vocabulary] && vocab[vocabulary][value];
        return term && term.within ? [value, term.within] : [value];
      },
      test: function (item, value) {
        var tags = [].concat(item[field]);
        return this.accepts(value).some(function (v) { return tags.indexOf(v) >= 0; });
      },
      label: function () { return form.querySelector("label[for='finder-" + key + "']").textContent; },
      describe: function (value) {
        var option = control.querySelector("option[value='" + value + "']");
        return option ? option.textContent : value;
      }
    };
  }

  var filters = [
    selectFilter("plan", "plan", "plans"),
    selectFilter("theme", "themes", "themes"),
    selectFilter("audience", "audiences", "audiences"),
    selectFilter("support", "support", "support")
  ];

  // Another filter: {key, get(), set(value), test(item, value), label(), describe(value)}, and touched() if the reader
  // can set it before the data loads. Call before the data loads.
  window.finderFilters = { add: function (filter) { filters.push(filter); } };

  // The word box: the items the site search finds for the words (search-engine.js and its files, loaded when words are first
  // typed), read with the reader's vocabulary and in either Chinese script. Whole-query matches, else the items
  // holding every concept of the query, else every item it finds.
  var box = form.elements.q, matched = null, matchedFor = null, engine = null;
  function searchEngine() {
    if (engine) return engine;
    engine = new Promise(function (resolve, reject) {
      if (window.PlanSearch && window.PlanSearch.Engine.prototype.nearest) return resolve(window.PlanSearch.engineFor(config.index, config.lang));
      config.engine.forEach(function (src, n) {  // the engine's files, run in order
        var s = document.createElement("script");
        s.src = src;
        s.async = false;
        if (n === config.engine.length - 1) s.onload = function () { resolve(window.PlanSearch.engineFor(config.index, config.lang)); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    });
    return engine;
  }
  function match(words) {
    if (!words.trim()) { matched = null; matchedFor = words; return Promise.resolve(); }
    return searchEngine().then(function (e) { return e.search(words); }).then(function (found) {
      var CONCEPTS = window.PlanSearch.CLASS.CONCEPTS, results = found.results;
      var best = results.filter(function (r) { return r.cls < CONCEPTS; });
      if (!best.length) best = results.filter(function (r) { return r.held === results.concepts; });
      if (!best.length) best = results;
      return searchEngine().then(function (e) {
        matched = new Set(best.map(function (r) { return e.meta.items[r.rec]; }).filter(Boolean));
        matchedFor = words;
      });
    });
  }
  filters.unshift({
    key: "q",
    get: function () { return box.value.trim(); },
    set: function (value) { box.value = value || ""; },
    touched: function () { return box.value !== box.defaultValue; },
    test: function (item) { return !matched || matched.has(item.id); },
    label: function () { return form.querySelector("label[for='finder-q']").textContent; },
    describe: function (value) { return value; }
  });

  function byKey(key) {
    return filters.filter(function (f) { return f.key === key; })[0];
  }

  function active() {
    return filters.filter(function (f) { return f.get(); });
  }

  function passing(items, list) {
    return items.filter(function (item) {
      return list.every(function (f) { return f.test(item, f.get()); });
    });
  }

  function stateFromUrl() {
    var params = new URLSearchParams(location.search);
    filters.forEach(function (f) { f.set(params.get(f.key)); });
    form.elements.group.checked = params.get("group") === "1";
  }

  function query(without) {
    var params = new URLSearchParams();
    active().forEach(function (f) { if (f !== without) params.set(f.key, f.get()); });
    if (form.elements.group.checked) params.set("group", "1");
    var q = params.toString();
    return location.pathname + (q ? "?" + q : "");
  }

  function whereTo(item) {
    var p = el("p", { "class": "finder-where" });
    p.appendChild(el("span", { "class": "where-label" }, words.where + (chinese ? "：" : ": ")));
    if (item.where_fallback) p.appendChild(el("span", { "class": "where-fallback" }, words.fallback + (chinese ? "：" : ": ")));
    var page = config.root + vocab.plans[item.plan].services;
    item.where.forEach(function (id, n) {
      if (n) p.appendChild(document.createTextNode(chinese ? "、" : "; "));
      p.appendChild(el("a", { href: page + "#" + id }, data.places[id].name[lang]));
    });
    if (!item.where.length) p.appendChild(el("a", { href: page }, vocab.plans[item.plan].region[lang]));
    return p;
  }

  function entry(item, planName) {
    var li = el("li", { "data-id": item.id });
    var a = el("a", { href: config.root + item.url });
    if (planName) a.appendChild(el("span", { "class": "finder-plan" }, planName));
    a.appendChild(document.createTextNode((planName ? " " : "") + item.label[lang] + (chinese ? "\u3000" : " ") + item.title[lang]));
    li.appendChild(a);
    li.appendChild(el("p", { "class": "finder-excerpt" }, item.excerpt[lang]));
    if (item.responsible.agencies) {
      var who = item.responsible.role === "lead" ? words.led : words.shared;
      var names = item.responsible.agencies.map(function (n) { return n[lang]; }).join(chinese ? "、" : "; ");
      li.appendChild(el("p", { "class": "finder-agency" }, who + (chinese ? "：" : ": ") + names));
    }
    li.appendChild(whereTo(item));
    return li;
  }

  // What the count leaves out or takes in, said next to it: the items for a broader audience, the theme's indicators.
  function countNotes(found) {
    var notes = [];
    var audience = byKey("audience").get();
    var term = audience && vocab.audiences[audience];
    if (term && term.within) {
      var broader = found.filter(function (i) { return i.audiences.indexOf(audience) < 0; }).length;
      if (broader) notes.push(fill(words.within, { m: broader, broader: vocab.audiences[term.within].name[lang], name: term.name[lang] }));
    }
    var theme = byKey("theme").get();
    if (theme && vocab.themes[theme] && vocab.themes[theme].indicators) {
      notes.push(fill(words.indicators, { theme: vocab.themes[theme].name[lang], k: vocab.themes[theme].indicators }));
    }
    return notes;
  }

  // Nothing matches: each active filter, and what dropping it alone would give; then clearing them all.
  function adviseDropping() {
    var on = active();
    advice.appendChild(el("p", {}, words.none));
    var ul = el("ul");
    on.map(function (f) {
      return { filter: f, n: passing(data.items, on.filter(function (g) { return g !== f; })).length };
    }).sort(function (a, b) { return b.n - a.n; }).forEach(function (option) {
      var f = option.filter;
      var text = fill(option.n ? words.drop : words.dropNone, { label: f.label(), value: f.describe(f.get()), n: option.n });
      var li = el("li", { "data-drop": f.key, "data-count": option.n });
      li.appendChild(option.n ? el("a", { href: query(f) }, text) : el("span", {}, text));
      ul.appendChild(li);
    });
    var all = el("li", { "data-drop": "all", "data-count": data.items.length });
    all.appendChild(el("a", { href: location.pathname }, fill(words.clear, { n: data.items.length })));
    ul.appendChild(all);
    advice.appendChild(ul);
  }

  function render() {
    var found = passing(data.items, active());
    results.textContent = "";
    advice.textContent = "";
    var notes = found.length ? countNotes(found) : [];
    count.textContent = found.length ? fill(words.count, { n: found.length }) : words.empty;
    if (notes.length) count.appendChild(el("span", { "class": "finder-count-note" }, chinese ? "（" + notes.join("；") + "）" : " (" + notes.join("; ") + ")"));
    if (!found.length) {
      adviseDropping();
      return;
    }
    if (form.elements.group.checked) {
      data.plans.forEach(function (p) {
        var mine = found.filter(function (i) { return i.plan === p.id; });
        if (!mine.length) return;
        var section = el("section", { "class": "finder-group", "data-plan": p.id });
        section.appendChild(el("h2", {}, p.name[lang] + " (" + mine.length + ")"));
        var ul = el("ul");
        mine.forEach(function (i) { ul.appendChild(entry(i, "")); });
        section.appendChild(ul);
        results.appendChild(section);
      });
    } else {
      var ol = el("ol", { "class": "finder-list" });
      found.forEach(function (i) { ol.appendChild(entry(i, vocab.plans[i.plan].name[lang])); });
      results.appendChild(ol);
    }
  }

  // The words are searched first (asynchronously); the other filters are applied at once.
  function refresh() {
    var words = box.value;
    if (words === matchedFor) { render(); return Promise.resolve(); }
    return match(words).then(function () { if (box.value === words) render(); });
  }

  function changed() {
    history.pushState(null, "", query(null));
    refresh();
  }

  function index(list) {
    var out = {};
    list.forEach(function (e) { out[e.id] = e; });
    return out;
  }

  fetch(config.data).then(function (r) { return r.json(); }).then(function (json) {
    data = json;
    vocab = { plans: index(json.plans), themes: index(json.themes), audiences: index(json.audiences), support: index(json.support) };
    form.classList.add("finder-ready");
    // A choice the reader made while the data was loading stays, over the address's.
    var early = filters.filter(function (f) { return f.touched && f.touched(); }).map(function (f) { return [f, f.get()]; });
    var group = form.elements.group, earlyGroup = group.checked !== group.defaultChecked ? group.checked : null;
    stateFromUrl();
    early.forEach(function (pair) { pair[0].set(pair[1]); });
    if (earlyGroup !== null) group.checked = earlyGroup;
    if (early.length || earlyGroup !== null) history.replaceState(null, "", query(null));
    refresh();
    form.addEventListener("change", function (e) { if (e.target !== box) changed(); });
    var typing = 0;
    box.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { history.replaceState(null, "", query(null)); refresh(); }, 200);
    });
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("popstate", function () { stateFromUrl(); refresh(); });
    advice.addEventListener("click", function (e) {
      var link = e.target.closest("a[href]");
      if (!link) return;
      e.preventDefault();
      history.pushState(null, "", link.getAttribute("href"));
      stateFromUrl();
      refresh();
    });
  });
})();
