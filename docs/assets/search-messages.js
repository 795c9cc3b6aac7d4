// The results page's messages (search-page.js): the count, what the vocabularies made of the query, and help when
// little or nothing is found. Each message says only what the results below it hold.
(function () {
  "use strict";
  var Search = window.PlanSearch, ui = Search.ui, CLASS = Search.CLASS, MAX_QUERY = Search.MAX_QUERY;

  // One line each: what the vocabularies made of the query, with the way back to the words as typed.
  function note(ctx, found, current) {
    var engine = ctx.engine, words = ctx.words, el = ui.el, format = ui.format, box = ctx.note, mappedTerms = ctx.mappedTerms;
    box.textContent = "";
    var lines = [];
    if (found.status === "shortened") lines.push([format(words.shortened, { n: MAX_QUERY })]);
    if (found.mapped) lines.push([format(words.mapped, { from: found.text, to: mappedTerms(found) })]);
    if (found.understood) {
      lines.push([format(words.understood, { to: ui.understoodTerms(engine, found, words), from: found.text }), " ",
        el("a", { href: ctx.address({ q: current.q, literal: true }), "class": "search-literal" }, format(words.literal, { q: found.text }))]);
    } else if (current.literal) {
      lines.push([format(words.literal_now, { q: found.text }), " ", el("a", { href: ctx.address({ q: current.q }) }, words.understand)]);
    }
    if (found.missing && found.missing.length && found.results.length) {
      lines.push([format(words.missing, { words: found.missing.map(function (w) { return ui.named(engine, found, w); }).join(words.list_sep) })]);
    }
    lines.forEach(function (parts) {
      var p = el("p", {});
      parts.forEach(function (part) { p.appendChild(typeof part === "string" ? document.createTextNode(part) : part); });
      box.appendChild(p);
    });
    box.hidden = !lines.length;
  }

  // With nothing found (or a word found nowhere): the nearest wordings, the themes they are about and the support
  // finder preset to them, and the ways to browse. With few: broader wordings.
  function help(ctx, found, shown) {
    var engine = ctx.engine, words = ctx.words, root = ctx.root, el = ui.el, format = ui.format, box = ctx.help, searchLink = ctx.searchLink;
    box.textContent = "";
    box.hidden = true;
    if (found.status !== "ok" && found.status !== "shortened") return Promise.resolve();
    if (!found.results.length || (found.missing && found.missing.length)) {
      var near = engine.nearest(found.text, 5);
      if (near.terms.length) {
        var p = el("p", {}, words.try_terms);
        near.terms.forEach(function (term, i) {
          if (i) p.appendChild(document.createTextNode(words.list_sep));
          p.appendChild(searchLink(term, engine.display(term)));
        });
        box.appendChild(p);
      }
      near.themes.forEach(function (theme) {
        var t = el("p", {}, words.kind_theme + words.colon);
        t.appendChild(el("a", { href: root + theme.url }, theme.title));
        t.appendChild(document.createTextNode(" · "));
        t.appendChild(el("a", { href: root + theme.finder }, format(words.finder_for, { theme: theme.title })));
        box.appendChild(t);
      });
      if (!found.results.length) {
        var browse = el("p", {}, words.try_browse);
        browse.appendChild(el("a", { href: root + "themes/" }, words.browse_themes));
        browse.appendChild(document.createTextNode(" · "));
        browse.appendChild(el("a", { href: root + "finder/" }, words.browse_finder));
        box.appendChild(browse);
      }
      box.hidden = !box.childNodes.length;
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
      box.appendChild(b);
      box.hidden = false;
    });
  }

  // The count says what the results below it hold, and nothing else.
  function status(ctx, found) {
    var engine = ctx.engine, words = ctx.words, format = ui.format, mappedTerms = ctx.mappedTerms;
    var results = found.results, q = found.text;
    if (!results.length) return format(words.none, { q: q });
    var literal = results.filter(function (r) { return r.cls < CLASS.MAPPED; }).length;
    var mapped = results.filter(function (r) { return r.cls === CLASS.MAPPED; }).length;
    if (literal || mapped) {
      var lines = [];
      if (literal) lines.push(format(words.count, { q: found.mapped ? mappedTerms(found) : q, n: literal }));
      if (mapped) lines.push(format(literal ? words.count_also : words.count_terms, { n: mapped, to: ui.understoodTerms(engine, found, words) }));
      return sentences(lines);
    }
    // Whole-query matches returned above: here a result is a full match or a partial one (search.js), and a section
    // holding every concept in passing is counted apart.
    var all = results.filter(function (r) { return !ui.partial(r, results); }).length;
    var passing = results.filter(function (r) { return ui.inPassing(r, results); }).length;
    // a result holds one of a concept's core wordings (search-reading.js): name them, not only the word as typed
    var named = found.concepts.filter(function (c) { return c.df && c.alts.length; }).map(function (c) {
      var core = c.alts.filter(function (a) { return a.core; }).map(function (a) { return ui.named(engine, found, a.text); });
      return core.slice(0, 3).join("/") + (core.length > 3 ? "/…" : "");
    });
    // Results outside the theme of the answer card wait behind the button (ui.settle).
    var outside = found.outside ? format(words.count_outside, { n: found.outside, theme: found.answers[0].title }) : "";
    // A query asking what a word means lists that word's glossary entry first (search-asks.js).
    var defined = results.some(function (r) { return r.defined; }) ? words.count_defined : "";
    if (results.concepts < 2) {
      return sentences([format(words.count_terms, { n: results.length, to: named.join(words.and) }), defined, outside,
                        passing ? format(words.count_passing_one, { n: passing }) : ""]);
    }
    var line = results.exact ? format(words.count_concepts_exact, { q: q, n: all, k: results.concepts, e: results.exact })
      : format(all ? words.count_concepts : words.count_concepts_none, { q: q, n: all, k: results.concepts });
    // With none holding them all, only the first tier is shown and the rest waits (ui.waiting): say how many that is.
    var closest = all || results.exact ? 0 : results.filter(function (r) {
      return !ui.waiting(r, found) && !ui.inPassing(r, results);
    }).length;
    // Indicators a query asking for a figure lists first (search-asks.js), those holding only some words among them.
    var figures = results.filter(function (r) { return r.figure; });
    var figuresSome = all ? figures.filter(function (r) { return ui.partial(r, results); }).length : 0;
    // those outside the card's theme hold as many words as the closest shown
    var some = results.length - all - passing - closest - (all ? 0 : found.outside) - figuresSome;
    var after = closest - figures.length;  // with none holding every word, the indicators are among the closest
    return sentences([line, figures.length ? format(words.count_figures, { n: figures.length }) : "", defined,
                      closest && !figures.length ? format(words.count_closest, { n: closest }) : "",
                      closest && figures.length && after > 0 ? format(words.count_closest_after, { n: after }) : "", outside,
                      some ? format(all || results.exact || closest ? words.count_some : words.count_some_only, { n: some }) : "",
                      passing ? format(words.count_passing, { n: passing, k: results.concepts }) : ""]);
  }

  // Sentences one after the other: Chinese ones end in a full stop that needs no space after it.
  function sentences(list) {
    return list.filter(Boolean).reduce(function (text, next) { return text + (!text || /[。！？]$/.test(text) ? "" : " ") + next; }, "");
  }

  Search.messages = { note: note, help: help, status: status };
})();
