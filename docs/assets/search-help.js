// The site's search engine, when little or nothing is found (see search-engine.js): the nearest wordings and broader
// searches.
(function () {
  "use strict";
  var S = window.PlanSearch, Engine = S && S.Engine;
  if (!Engine || Engine.prototype.nearest) return;  // the core not loaded, or this file loaded already
  var CJK = S._.CJK, fold = S.fold, normalize = S.normalize, words = S._.words;
  // Character bigrams of a Chinese text, or stems of an English one: how alike two wordings are (Dice, 0 to 1).
  function likeness(a, b, grams) {
    var x = grams(a), y = grams(b), shared = 0;
    if (!x.length || !y.length) return 0;
    var rest = y.slice();
    x.forEach(function (g) { var i = rest.indexOf(g); if (i >= 0) { shared++; rest.splice(i, 1); } });
    return 2 * shared / (x.length + y.length);
  }
  function bigrams(text) {
    var out = [];
    for (var i = 0; i + 1 < text.length; i++) if (CJK.test(text[i]) && CJK.test(text[i + 1])) out.push(text.substr(i, 2));
    return out;
  }

  // --- when little or nothing is found -------------------------------------------------------------------------
  // The nearest wordings in the glossary, the themes and the reader's vocabulary (searches that find something),
  // and the themes they are about. A Chinese wording is near when it shares character pairs with the query; an
  // English one when it shares word stems or differs by a typo.
  Engine.prototype.nearest = function (text, count) {
    var self = this, key = this.simplified(normalize(text)), cjk = CJK.test(key), seen = new Set(), scored = [];
    var stemsOf = function (t) { return self.stems(t).filter(function (s) { return s !== "ip"; }); };
    function typo(a, b) {  // at most one letter changed, added or dropped, in a word of five letters or more
      if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 5) return false;
      var i = 0, j = 0, edits = 0;
      while (i < a.length && j < b.length) {
        if (a[i] === b[j]) { i++; j++; continue; }
        if (++edits > 1) return false;
        if (a.length > b.length) i++; else if (b.length > a.length) j++; else { i++; j++; }
      }
      return edits + (a.length - i) + (b.length - j) <= 1;
    }
    function near(w) {
      if (cjk !== CJK.test(w)) return 0;
      if (cjk) return likeness(key, w, bigrams) + (w.indexOf(key) >= 0 || key.indexOf(w) >= 0 ? 0.5 : 0);
      var q = words(key), c = words(w), fixed = q.filter(function (x) { return c.some(function (y) { return typo(x, y); }); }).length;
      return likeness(key, w, stemsOf) + fixed / Math.max(q.length, c.length);
    }
    function consider(w, term, themes) {
      var s = near(w);
      if (s >= 0.34 && w !== key) scored.push({ term: term, themes: themes || [], score: s });
    }
    var home = this.lang;
    this.lexicon.glossary.concat(this.lexicon.names).forEach(function (t) {
      t.zh.concat(t.en).forEach(function (w) { consider(w, t[home][0]); });
    });
    this.lexicon.reader.forEach(function (e) { e.w.concat(e.to).forEach(function (w) { consider(w, e.to[0], e.t); }); });
    scored.sort(function (a, b) { return b.score - a.score; });
    var terms = [], themes = [];
    scored.forEach(function (s) {
      // the same wording may come from the glossary and from the reader's vocabulary, written in another case
      var same = fold(s.term);
      if (terms.length < count && !seen.has(same) && same !== key) { seen.add(same); terms.push(s.term); }
      s.themes.forEach(function (t) { if (themes.indexOf(t) < 0 && self.themeAnswers.has(t)) themes.push(t); });
    });
    this.answersFor(terms[0] || "").forEach(function (a) { var id = a.kind === "theme" && a.url.split("/")[1]; if (id && themes.indexOf(id) < 0) themes.unshift(id); });
    return { terms: terms, themes: themes.slice(0, 3).map(function (id) { return self.themeAnswers.get(id); }) };
  };

  // Broader wordings of a query that finds little: the shorter words of the vocabularies and the segments inside it,
  // and the theme its reader's words are about, each with what it finds; those that find more than `count`.
  Engine.prototype.broader = function (text, concepts, count) {
    var key = this.simplified(normalize(text)), self = this, candidates = [];
    function consider(w) {
      if (w && w !== key && w.length > 1 && !self.ignored.has(w) && candidates.indexOf(w) < 0) candidates.push(w);
    }
    this.vocabulary.forEach(function (w) { if (key.indexOf(w) >= 0) consider(w); });
    var pieces = CJK.test(key) ? this.segment(key) : this.englishSpans(key);
    pieces.forEach(consider);
    // the parts of a run of Chinese characters that no vocabulary knows (古镇灯饰 typed when it was not a word: 灯饰);
    // not the parts of a known word (产业集群: not 业集)
    pieces.forEach(function (piece) {
      if (!CJK.test(piece) || self.vocabulary.has(piece)) return;
      for (var n = Math.min(piece.length - 1, 8); n >= 2; n--) for (var i = 0; i + n <= piece.length; i++) if (CJK.test(piece.substr(i, n))) consider(piece.substr(i, n));
    });
    var entry = (concepts || []).map(function (c) { return c.entry; }).filter(Boolean)[0] || this.readerEntry(key);
    var theme = entry && entry.t && this.themeAnswers.get(entry.t[0]);
    if (theme) consider(fold(theme.title));
    candidates.sort(function (a, b) { return b.length - a.length; });
    return Promise.all(candidates.slice(0, 16).map(function (w) {
      return self.phrase(w, false).then(function (hits) { return { term: w, n: hits.size, theme: theme && fold(theme.title) === w ? theme : null }; });
    })).then(function (found) {
      return found.filter(function (b) { return b.n > count; }).slice(0, 3);
    });
  };

})();
