// The search results page (/search/?q=…&plan=…&kind=…&literal=1): reads the query, filters and mode from the address,
// shows the answer card, the filters and the results, ten at a time; its messages are search-messages.js's.
(function () {
  "use strict";
  var Search = window.PlanSearch, ui = Search.ui, messages = Search.messages, CLASS = Search.CLASS;
  var el = ui.el, format = ui.format, whole = ui.whole, partial = ui.partial, waiting = ui.waiting, settle = ui.settle,
      excerpt = ui.excerpt, heading = ui.heading, engineFor = ui.engineFor;

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
    var ctx = { engine: engine, words: words, root: root, note: note, help: help, address: address, searchLink: searchLink, mappedTerms: mappedTerms };

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

    // The results shown, and with `current.partial` those that waited behind the button after them.
    function visible(found, current) {
      var card = answer.hidden ? null : found.answers[0];
      var rows = found.results.filter(function (r) {
        if (card && r.rec === card.rec) return false;
        if (current.plan !== "" && String(engine.planOf(r.rec)) !== current.plan) return false;
        if (current.kind && engine.kindGroup(r.rec) !== current.kind) return false;
        return true;
      });
      var first = rows.filter(function (r) { return !waiting(r, found); });
      return current.partial ? first.concat(rows.filter(function (r) { return waiting(r, found); })) : first;
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
        settle(engine, found);
        current.partial = false;
        messages.note(ctx, found, current);
        status.textContent = messages.status(ctx, found);
        return renderAnswer(found, current).then(function () {
          if (mine !== ticket) return;
          renderFilters(found, current, false);
          var rows = visible(found, current);
          var helped = messages.help(ctx, found, rows.length + (answer.hidden ? 0 : 1));
          var waits = found.results.filter(function (r) { return waiting(r, found); }), hidden = waits.length;
          if (hidden) {
            partialButton.hidden = false;
            // The button names what waits: results outside the card's theme, results holding only some of the
            // words, or both; with sections that mention the words in passing among them, only how many (the count
            // above says what they are).
            var passing = found.hasWhole ? 0
              : waits.filter(function (r) { return ui.inPassing(r, found.results); }).length;
            var some = hidden - passing - found.outside;
            var label = passing ? words.show_hidden : !found.outside ? words.show_partial
              : some ? words.show_outside_partial : words.show_outside;
            partialButton.textContent = format(label, { n: hidden, theme: found.outside ? found.answers[0].title : "" });
            partialButton.onclick = function () {
              // Everything shown so far stays; the results that waited follow, ten at a time.
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

  var page = document.querySelector(".search-page");
  if (page) resultsPage(page);
})();
