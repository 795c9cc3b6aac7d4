// Site search, as the reader sees it: the box in every page's header (results as the reader types) and the results
// page (/search/?q=…&plan=…&kind=…&literal=1). The reading and ranking are search-engine.js's (window.PlanSearch).
(function () {
  "use strict";

  var Search = window.PlanSearch, CLASS = Search.CLASS, MAX_QUERY = Search.MAX_QUERY;

  // --- rendering helpers (text only ever goes in as text) ------------------------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] == null ? "" : values[k]; });
  }
  function whole(r) { return r.cls < CLASS.CONCEPTS; }
  // A result holding only some of the query's concepts (after every whole-query match and every result holding all).
  function partial(r, results) { return !whole(r) && r.held < results.concepts; }
  // Results that wait behind a button: those that are not whole-query matches, when there are whole-query matches;
  // those holding only some of the concepts, when some hold them all.
  function waiting(r, found) { return found.hasWhole ? !whole(r) : found.allHeld > 0 && partial(r, found.results); }

  // An excerpt of the text around the match, with the match marked.
  function excerpt(engine, doc, phrases, size) {
    var p = el("p", { "class": "search-excerpt" });
    var span = engine.locate(doc.text, phrases);
    var text = doc.text.replace(/\n/g, " ");
    var from = 0, to = Math.min(text.length, size * 2);
    if (span) {
      from = Math.max(0, span[0] - Math.floor(size / 2));
      to = Math.min(text.length, span[1] + size);
      if (engine.lang === "en" && from > 0) from = text.indexOf(" ", from) + 1 || from;
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

  // What the reader's vocabulary made of the query: "资助/奖励 + 专利".
  function understoodTerms(engine, understood, words) {
    return understood.concepts.map(function (terms) { return terms.map(engine.display, engine).join("/"); }).join(words.and);
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
        var card = found.answers[0];
        var rest = found.results.filter(function (r) { return !(card && r.rec === card.rec); });
        var top = rest.filter(function (r) { return !partial(r, found.results); });
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
            format(found.results.length ? words.all : words.none, { q: query.slice(0, MAX_QUERY) }));
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

  // --- the results page ------------------------------------------------------------------------------------
  function resultsPage(page) {
    var form = page.querySelector("form.site-search");
    var input = form.querySelector("input[name=q]");
    var words = JSON.parse(page.dataset.words);
    var root = new URL(page.dataset.root, location.href).href;
    var status = page.querySelector(".search-status");
    var note = page.querySelector(".search-note");
    var answer = page.querySelector(".search-answer");
    var filters = page.querySelector(".search-filters");
    var list = page.querySelector(".search-results");
    var more = page.querySelector(".search-more");
    var partialButton = page.querySelector(".search-partial");
    var help = page.querySelector(".search-help");
    var engine = engineFor(page);
    var ticket = 0;
    var refocus = null;  // the filter a reader changed with the keyboard: it keeps focus when the filters are redrawn

    function params() {
      var p = new URLSearchParams(location.search);
      return { q: p.get("q") || "", plan: p.get("plan") || "", kind: p.get("kind") || "", literal: p.get("literal") === "1" };
    }
    function address(next) {
      var p = new URLSearchParams();
      if (next.q) p.set("q", next.q);
      if (next.plan) p.set("plan", next.plan);
      if (next.kind) p.set("kind", next.kind);
      if (next.literal) p.set("literal", "1");
      var s = p.toString();
      return location.pathname + (s ? "?" + s : "");
    }
    function searchLink(query, text) { return el("a", { href: address({ q: query }) }, text); }
    function mappedTerms(found) { return found.mapped.to.map(engine.display, engine).join(words.and); }

    // The filters are drawn again after each change; the radio just chosen keeps the focus (arrow keys move within a
    // group as the platform's radio groups do).
    function renderFilters(found, current, withPartial) {
      var keep = refocus;
      refocus = null;
      filters.textContent = "";
      var pool = found.results.filter(function (r) { return withPartial || !waiting(r, found); });
      if (!pool.length) { filters.hidden = true; return; }
      filters.hidden = false;
      function group(name, legend, values, label) {
        var fs = el("fieldset", { "class": "search-filter" });
        fs.appendChild(el("legend", {}, legend));
        values.forEach(function (v) {
          var count = v.value === "" ? pool.length : pool.filter(function (r) { return v.test(r.rec); }).length;
          if (v.value !== "" && !count && current[name] !== v.value) return;
          var id = "filter-" + name + "-" + (v.value || "all");
          var radio = el("input", { type: "radio", name: name, value: v.value, id: id });
          radio.checked = current[name] === v.value;
          var option = el("span", { "class": "search-option" });
          option.appendChild(radio);
          option.appendChild(el("label", { "for": id }, label(v) + " (" + count + ")"));
          fs.appendChild(option);
        });
        filters.appendChild(fs);
      }
      var plans = [{ value: "", test: null }].concat(engine.meta.plans.map(function (name, i) {
        return { value: String(i), name: name, test: function (rec) { return engine.planOf(rec) === i; } };
      }));
      group("plan", words.filter_plan, plans, function (v) { return v.value === "" ? words.all_plans : v.name; });
      var kinds = ["", "task", "box", "indicator", "other"].map(function (k) {
        return { value: k, test: function (rec) { return engine.kindGroup(rec) === k; } };
      });
      group("kind", words.filter_kind, kinds, function (v) { return v.value === "" ? words.all_kinds : words["group_" + v.value]; });
      if (keep) {
        var again = filters.querySelector("input[name=" + keep.name + "][value='" + keep.value + "']");
        if (again) again.focus();
      }
    }

    // The page the query names comes first, as a card; it is the first result and is not listed again below.
    function renderAnswer(found, current) {
      answer.textContent = "";
      answer.hidden = !found.answers.length || current.plan !== "" || current.kind !== "";
      if (answer.hidden) return Promise.resolve();
      var a = found.answers[0];
      return engine.record(a.rec).then(function (doc) {
        // Only the title link is inside the result element: the card's other links are ways on, not results.
        var result = el("div", { "data-search-result": "" });
        result.appendChild(el("p", { "class": "search-answer-kind" }, words["kind_" + a.kind]));
        var h = el("h2", {});
        h.appendChild(el("a", { href: root + a.url }, a.title));
        result.appendChild(h);
        if (doc.summary) result.appendChild(el("p", {}, doc.summary));
        var counts = a.counts.map(function (n, i) { return n ? engine.meta.plans[i] + " " + n : ""; }).filter(Boolean);
        if (counts.length) result.appendChild(el("p", { "class": "search-answer-counts" }, format(words.answer_counts, { counts: counts.join(" · ") })));
        answer.appendChild(result);
        var links = el("p", { "class": "search-answer-links" });
        links.appendChild(el("a", { href: root + a.url }, words["open_" + a.kind]));
        if (a.finder) { links.appendChild(document.createTextNode(" · ")); links.appendChild(el("a", { href: root + a.finder }, words.open_finder)); }
        found.answers.slice(1, 3).forEach(function (other) {
          links.appendChild(document.createTextNode(" · "));
          links.appendChild(el("a", { href: root + other.url }, words["kind_" + other.kind] + words.colon + other.title));
        });
        answer.appendChild(links);
      });
    }

    // One line each: what the vocabularies made of the query, with the way back to the words as typed.
    function renderNote(found, current) {
      note.textContent = "";
      var lines = [];
      if (found.status === "shortened") lines.push([format(words.shortened, { n: MAX_QUERY })]);
      if (found.mapped) lines.push([format(words.mapped, { from: found.text, to: mappedTerms(found) })]);
      if (found.understood) {
        lines.push([format(words.understood, { to: understoodTerms(engine, found.understood, words), from: found.text }), " ",
          el("a", { href: address({ q: current.q, literal: true }), "class": "search-literal" }, format(words.literal, { q: found.text }))]);
      } else if (current.literal) {
        lines.push([format(words.literal_now, { q: found.text }), " ", el("a", { href: address({ q: current.q }) }, words.understand)]);
      }
      if (found.missing && found.missing.length && found.results.length) {
        lines.push([format(words.missing, { words: found.missing.join(words.list_sep) })]);
      }
      lines.forEach(function (parts) {
        var p = el("p", {});
        parts.forEach(function (part) { p.appendChild(typeof part === "string" ? document.createTextNode(part) : part); });
        note.appendChild(p);
      });
      note.hidden = !lines.length;
    }

    // With nothing found (or a word found nowhere): the nearest wordings, the themes they are about and the support
    // finder preset to them, and the ways to browse. With few: broader wordings.
    function renderHelp(found, shown) {
      help.textContent = "";
      help.hidden = true;
      if (found.status !== "ok" && found.status !== "shortened") return Promise.resolve();
      if (!found.results.length || (found.missing && found.missing.length)) {
        var near = engine.nearest(found.text, 5);
        if (near.terms.length) {
          var p = el("p", {}, words.try_terms);
          near.terms.forEach(function (term, i) {
            if (i) p.appendChild(document.createTextNode(words.list_sep));
            p.appendChild(searchLink(term, engine.display(term)));
          });
          help.appendChild(p);
        }
        near.themes.forEach(function (theme) {
          var t = el("p", {}, words.kind_theme + words.colon);
          t.appendChild(el("a", { href: root + theme.url }, theme.title));
          t.appendChild(document.createTextNode(" · "));
          t.appendChild(el("a", { href: root + theme.finder }, format(words.finder_for, { theme: theme.title })));
          help.appendChild(t);
        });
        if (!found.results.length) {
          var browse = el("p", {}, words.try_browse);
          browse.appendChild(el("a", { href: root + "themes/" }, words.browse_themes));
          browse.appendChild(document.createTextNode(" · "));
          browse.appendChild(el("a", { href: root + "finder/" }, words.browse_finder));
          help.appendChild(browse);
        }
        help.hidden = !help.childNodes.length;
        return Promise.resolve();
      }
      if (shown >= 3) return Promise.resolve();
      return engine.broader(found.text, found.concepts, found.results.length).then(function (broader) {
        if (!broader.length) return;
        var b = el("p", {}, words.few);
        broader.forEach(function (w, i) {
          if (i) b.appendChild(document.createTextNode(words.list_sep));
          b.appendChild(searchLink(w.term, engine.display(w.term) + " (" + w.n + ")"));
          if (w.theme) {
            b.appendChild(document.createTextNode(" · "));
            b.appendChild(el("a", { href: root + w.theme.finder }, format(words.finder_for, { theme: w.theme.title })));
          }
        });
        help.appendChild(b);
        help.hidden = false;
      });
    }

    function visible(found, current) {
      var card = answer.hidden ? null : found.answers[0];
      return found.results.filter(function (r) {
        if (card && r.rec === card.rec) return false;
        if (waiting(r, found) && !current.partial) return false;
        if (current.plan !== "" && String(engine.planOf(r.rec)) !== current.plan) return false;
        if (current.kind && engine.kindGroup(r.rec) !== current.kind) return false;
        return true;
      });
    }

    function showFrom(mine, found, rows, from, count) {
      count = count || 10;
      var slice = rows.slice(from, from + count);
      return Promise.all(slice.map(function (r) { return engine.record(r.rec); })).then(function (docs) {
        if (mine !== ticket) return;
        docs.forEach(function (doc, i) {
          var r = slice[i];
          var li = el("li", { "data-search-result": "", "class": (found.hasWhole ? !whole(r) : partial(r, found.results)) ? "search-result search-result-partial" : "search-result" });
          var a = el("a", { href: root + doc.url });
          a.appendChild(el("span", { "class": "search-where" }, heading(engine, r.rec, doc, words)));
          a.appendChild(el("span", { "class": "search-title" }, doc.title));
          li.appendChild(a);
          li.appendChild(excerpt(engine, doc, r.phrases, engine.lang === "zh" ? 40 : 90));
          list.appendChild(li);
        });
        var rest = rows.length - (from + count);
        more.hidden = rest <= 0;
        more.textContent = format(words.more, { n: rest });
        more.onclick = function () { page.dataset.state = "busy"; showFrom(mine, found, rows, from + count); };
        page.dataset.state = "done";
      });
    }

    // The count says what the results below it hold, and nothing else.
    function statusLine(found) {
      var results = found.results, q = found.text;
      if (!results.length) return format(words.none, { q: q });
      var literal = results.filter(function (r) { return r.cls < CLASS.MAPPED; }).length;
      var mapped = results.filter(function (r) { return r.cls === CLASS.MAPPED; }).length;
      if (literal || mapped) {
        var lines = [];
        if (literal) lines.push(format(words.count, { q: found.mapped ? mappedTerms(found) : q, n: literal }));
        if (mapped) lines.push(format(literal ? words.count_also : words.count_terms, { n: mapped, to: understoodTerms(engine, found.understood, words) }));
        return lines.join(" ");
      }
      var all = results.filter(function (r) { return r.held === results.concepts; }).length;
      var named = found.concepts.filter(function (c) { return c.df && c.alts.length; }).map(function (c) { return engine.display(c.alts[0].text); });
      if (results.concepts < 2) return format(words.count_terms, { n: results.length, to: named.join(words.and) });
      var line = results.exact ? format(words.count_concepts_exact, { q: q, n: all, k: results.concepts, e: results.exact })
        : format(words.count_concepts, { q: q, n: all, k: results.concepts });
      return line + (results.length > all ? " " + format(words.count_some, { n: results.length - all }) : "");
    }

    function run() {
      var current = params(), mine = ++ticket;
      page.dataset.state = "busy";
      input.value = current.q;
      list.textContent = "";
      more.hidden = true;
      partialButton.hidden = true;
      note.hidden = true;
      help.hidden = true;
      answer.hidden = true;
      filters.hidden = true;
      if (!current.q.trim()) { status.textContent = words.empty; page.dataset.state = "done"; return; }
      status.textContent = words.loading;
      engine.search(current.q, { literal: current.literal }).then(function (found) {
        if (mine !== ticket) return;
        if (found.status === "empty" || found.status === "punctuation") { status.textContent = words[found.status]; page.dataset.state = "done"; return; }
        found.hasWhole = found.results.some(whole);
        found.allHeld = found.results.filter(function (r) { return !whole(r) && !partial(r, found.results); }).length;
        current.partial = false;
        renderNote(found, current);
        status.textContent = statusLine(found);
        return renderAnswer(found, current).then(function () {
          if (mine !== ticket) return;
          renderFilters(found, current, false);
          var rows = visible(found, current);
          var helped = renderHelp(found, rows.length + (answer.hidden ? 0 : 1));
          var hidden = found.results.filter(function (r) { return waiting(r, found); }).length;
          if (hidden) {
            partialButton.hidden = false;
            partialButton.textContent = format(words.show_partial, { n: hidden });
            partialButton.onclick = function () {
              // Everything shown so far stays; the partial matches follow the whole ones, ten at a time.
              partialButton.hidden = true;
              page.dataset.state = "busy";
              current.partial = true;
              var shown = list.children.length;
              list.textContent = "";
              showFrom(mine, found, visible(found, current), 0, shown + 10);
            };
          }
          return helped.then(function () { return showFrom(mine, found, rows, 0); });
        });
      }).catch(function () {
        if (mine === ticket) { status.textContent = words.failed; page.dataset.state = "done"; }
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      history.pushState(null, "", address({ q: input.value }));
      run();
    });
    filters.addEventListener("change", function (event) {
      var current = params();
      refocus = { name: event.target.name, value: event.target.value };
      current[event.target.name] = event.target.value;
      history.pushState(null, "", address(current));
      run();
    });
    window.addEventListener("popstate", run);
    run();
  }

  var header = document.querySelector("form.site-header-search");
  if (header) headerBox(header);
  var page = document.querySelector(".search-page");
  if (page) resultsPage(page);
})();
