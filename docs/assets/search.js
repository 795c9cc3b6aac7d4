// Site search, as the reader sees it: the box in every page's header (results as the reader types), and the helpers
// of the results page (search-page.js, search-messages.js). The reading and ranking are the engine's
// (search-engine.js and its files: window.PlanSearch).
(function () {
  "use strict";

  var Search = window.PlanSearch, CLASS = Search.CLASS;

  // --- rendering helpers (text only ever goes in as text) ------------------------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  // "{n}" is a value; "{n:result contains|results contain}" the singular or the plural wording by that value
  function format(template, values) {
    return template
      .replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, function (_, k, one, more) { return values[k] === 1 ? one : more; })
      .replace(/\{(\w+)\}/g, function (_, k) { return values[k] == null ? "" : values[k]; });
  }
  function whole(r) { return r.cls < CLASS.CONCEPTS; }
  // A result holding only some of the query's concepts, or holding them in passing (a section's running text): after
  // every whole-query match and every item holding them all.
  function partial(r, results) { return !whole(r) && (r.held < results.concepts || !!r.passing); }
  // A section's running text holding every concept in passing: counted apart from the items (search-messages.js).
  function inPassing(r, results) { return !!r.passing && r.held === results.concepts; }
  // Results that wait behind a button: those that are not whole-query matches, when there are whole-query matches;
  // those holding only some of the concepts, when some hold them all; when none holds them all, those below the
  // first tier (the records holding the most of them, the vocabularies' words counting first: search-ranking.js).
  // So do results outside a theme's answer card (below).
  function waiting(r, found) {
    if (r.figure || r.defined) return false;  // what a query asking for a figure or a meaning lists first (search-asks.js)
    if (r.outside) return true;
    return found.hasWhole ? !whole(r) : found.allHeld > 0 ? partial(r, found.results) : r.cls > found.results[0].cls;
  }
  // The results as the page and the header box show them. Below a theme's answer card that one of a query's concepts
  // named, the items outside that theme wait too, as long as one inside it is shown: on the query set, 0.17 of the
  // items listed outside the card's theme were in the judges' lists, against 0.84 inside it. The glossary entry of
  // one of the query's words stays, since it explains that word.
  function settle(engine, found) {
    var results = found.results, card = found.answers[0];
    results.forEach(function (r) { r.outside = false; });
    found.hasWhole = results.some(whole);
    found.allHeld = results.filter(function (r) { return !whole(r) && !partial(r, results); }).length;
    found.outside = 0;
    if (found.hasWhole || !card || card.kind !== "theme") return found;
    var shown = results.filter(function (r) { return r.rec !== card.rec && !waiting(r, found); });
    var inTheme = function (r) { return card.members.indexOf(r.rec) >= 0; };
    if (!shown.some(inTheme)) return found;
    shown.forEach(function (r) {
      if (inTheme(r) || r.figure || (r.named && engine.meta.kinds[engine.meta.records[r.rec][1]] === "glossary")) return;
      r.outside = true;
      found.outside++;
    });
    return found;
  }

  // An excerpt of the text around the match, with the match marked.
  function excerpt(engine, doc, phrases, size) {
    var p = el("p", { "class": "search-excerpt" });
    var span = engine.locate(doc.text, phrases);
    var text = doc.text.replace(/\n/g, " ");
    var from = 0, to = Math.min(text.length, size * 2);
    if (span) {
      from = Math.max(0, span[0] - Math.floor(size / 2));
      to = Math.min(text.length, span[1] + size);
      // never from inside a word (a Chinese glossary entry's text holds its English term: not "…or 在知识产权…")
      if (from > 0 && (engine.lang === "en" || /[A-Za-z]{2}/.test(text.substr(from - 1, 2)))) from = text.indexOf(" ", from) + 1 || from;
    }
    if (from > 0) p.appendChild(document.createTextNode("…"));
    if (span) {
      p.appendChild(document.createTextNode(text.slice(from, span[0])));
      p.appendChild(el("mark", {}, text.slice(span[0], span[1])));
      p.appendChild(document.createTextNode(text.slice(span[1], to)));
    } else {
      p.appendChild(document.createTextNode(text.slice(from, to)));
    }
    if (to < text.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  function heading(engine, rec, doc, words) {
    var plan = engine.planOf(rec), parts = [];
    if (plan >= 0) parts.push(engine.meta.plans[plan]);
    else parts.push(words["kind_" + engine.meta.kinds[engine.meta.records[rec][1]]]);
    if (doc.label) parts.push(doc.label);
    return parts.join(" · ");
  }

  // A term as the page names it: as the reader wrote it where the query holds it (GDP, not gdp; 專利 on the
  // Traditional edition, not 专利), else in the edition's script.
  function named(engine, found, term) {
    var q = found.text, typed = engine.simplified(q.toLowerCase());
    if (typed.length !== q.length) return engine.display(term);
    var at = typed.indexOf(term);
    if (at >= 0) return q.substr(at, term.length);
    // English words read as one run, as typed between them ("cross-border e-commerce", not cross border e commerce)
    var run = /^[a-z0-9]+( [a-z0-9]+)+$/.test(term) ? new RegExp(term.split(" ").join("[^a-z0-9]+")).exec(typed) : null;
    return run ? q.substr(run.index, run[0].length) : engine.display(term);
  }
  // What the reader's vocabulary made of the query: "资助/奖励 + 专利".
  function understoodTerms(engine, found, words) {
    return found.understood.concepts.map(function (terms) {
      return terms.map(function (t) { return named(engine, found, t); }).join("/");
    }).join(words.and);
  }

  function engineFor(node) { return Search.engineFor(node.dataset.index, node.dataset.lang); }

  // --- the box in the header: results as the reader types -------------------------------------------------
  function headerBox(form) {
    var input = form.querySelector("input[name=q]");
    var words = JSON.parse(form.dataset.words);
    var root = new URL(form.dataset.root, location.href).href;
    var list = el("div", { id: "header-search-list", role: "listbox", "class": "header-search-list", "aria-label": words.suggestions });
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-autocomplete", "list");
    var timer = 0, ticket = 0, active = -1;

    function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
    function highlight(n) {
      var opts = options();
      opts.forEach(function (o, i) { o.setAttribute("aria-selected", i === n ? "true" : "false"); });
      active = n;
      if (n >= 0 && opts[n]) input.setAttribute("aria-activedescendant", opts[n].id); else input.removeAttribute("aria-activedescendant");
    }
    function option(n, href, title, detail) {
      var a = el("a", { id: "header-search-option-" + n, role: "option", href: href, "aria-selected": "false", tabindex: "-1" });
      a.appendChild(el("span", { "class": "header-search-title" }, title));
      if (detail) a.appendChild(el("span", { "class": "header-search-detail" }, detail));
      return a;
    }
    function show(query) {
      var mine = ++ticket, engine = engineFor(form);
      engine.search(query).then(function (found) {
        if (mine !== ticket) return;
        var card = settle(engine, found).answers[0];
        var rest = found.results.filter(function (r) { return !(card && r.rec === card.rec); });
        var top = rest.filter(function (r) { return r.figure || (!partial(r, found.results) && !r.outside); });
        if (!top.length) top = rest;
        top = top.slice(0, 6);
        return Promise.all(top.map(function (r) { return engine.record(r.rec); })).then(function (docs) {
          if (mine !== ticket) return;
          list.textContent = "";
          var n = 0;
          if (card) list.appendChild(option(n++, root + card.url, card.title, words["kind_" + card.kind]));
          docs.forEach(function (doc, i) { list.appendChild(option(n++, root + doc.url, doc.title, heading(engine, top[i].rec, doc, words))); });
          if (!found.results.length && found.status === "ok") {
            engine.nearest(found.text, 3).terms.forEach(function (term) {
              list.appendChild(option(n++, form.action + "?q=" + encodeURIComponent(term), engine.display(term), words.try_term));
            });
          }
          var all = el("a", { id: "header-search-option-" + n, role: "option", href: form.action + "?q=" + encodeURIComponent(query), "class": "header-search-all", "aria-selected": "false", tabindex: "-1" },
            format(found.results.length ? words.all : words.none, { q: Search.clip(query) }));
          list.appendChild(all);
          list.hidden = false;
          list.dataset.query = query;
          input.setAttribute("aria-expanded", "true");
          highlight(-1);
        });
      });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      if (!input.value.trim()) { close(); return; }
      timer = setTimeout(function () { show(input.value); }, 120);
    });
    input.addEventListener("focus", function () { engineFor(form); }, { once: true });
    input.addEventListener("keydown", function (event) {
      var opts = options();
      if (event.key === "ArrowDown" && opts.length) { event.preventDefault(); if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } highlight((active + 1) % opts.length); }
      else if (event.key === "ArrowUp" && opts.length) { event.preventDefault(); highlight(active <= 0 ? opts.length - 1 : active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0 && opts[active] && !list.hidden) { event.preventDefault(); location.href = opts[active].href; }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
    // The script arrives after the page has been painted: what the reader typed before gets its suggestions now.
    if (document.activeElement === input && input.value.trim()) show(input.value);
  }

  var header = document.querySelector("form.site-header-search");
  if (header) headerBox(header);
  Search.ui = { el: el, format: format, whole: whole, partial: partial, inPassing: inPassing, waiting: waiting,
                settle: settle, excerpt: excerpt, heading: heading, named: named, understoodTerms: understoodTerms,
                engineFor: engineFor };
})();
