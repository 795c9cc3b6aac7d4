// The site's search engine, reading a query (see search-engine.js): segmenting it with the site's and the reader's
// vocabularies, the concepts it holds, what it names, and the whole search.
(function () {
  "use strict";
  var S = window.PlanSearch, Engine = S && S.Engine;
  if (!Engine || Engine.prototype.segment) return;  // the core not loaded, or this file loaded already
  var CJK = S._.CJK, CLASS = S.CLASS, MAX_QUERY = S.MAX_QUERY, normalize = S.normalize, unique = S._.unique, fold = S.fold;
  var MAPPED_WEIGHT = 0.8;  // the plans' terms a reader's word leads to weigh less than the words as typed
  // --- reading a query -----------------------------------------------------------------------------------------
  // Chinese: the segmentation that leaves the fewest characters standing alone, then has the fewest pieces, among
  // the words of the site's and the reader's vocabularies and those of the browser's segmenter (外观设计被抄袭:
  // 外观 / 设计 / 被 / 抄袭, not 外观 / 设计被抄 / 袭). A word of the vocabularies is preferred to the segmenter's of
  // the same length. The browser's segmenter knows fewer words than the plans use (侵权 comes out as 侵 + 权):
  // characters left single are joined again, up to a word of the site's or a word a question leaves out. Its words
  // beginning or ending with a particle are not taken (查处的侵权案子 came out as 查 + 处的: 查处 / 的).
  var SINGLE = 10, UNKNOWN = 0.5, PARTICLE = /^[的了吗呢吧啊呀么嘛]|[的了吗呢吧啊呀么嘛]$/;  // costs (a character alone, a word only the segmenter knows); the particles
  // The plans' terms the reader's words lead to (专利池): words too, but weaker than the vocabularies' (below).
  Engine.prototype.planTermSet = function () {
    if (!this.planTerms) {
      var terms = this.planTerms = new Set();
      this.lexicon.reader.forEach(function (entry) { entry.to.forEach(function (t) { if (CJK.test(t)) terms.add(fold(t)); }); });
      this.planLongest = Math.max.apply(null, [0].concat(Array.from(terms, function (t) { return t.length; })));
    }
    return this.planTerms;
  };
  Engine.prototype.segment = function (text) {
    // a query is read word by word more than once (its concepts, its glossary variants): the last reading is kept
    if (this.segmented && this.segmented.text === text) return this.segmented.pieces.slice();
    var self = this, out = [], planTerms = this.planTermSet(), longest = Math.max(this.longest, this.planLongest);
    if (this.segmenter === undefined) {
      this.segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
    }
    text.split(" ").forEach(function (chunk) {
      if (!chunk) return;
      var browser = new Map();  // start -> the browser's word there
      if (self.segmenter) {
        Array.from(self.segmenter.segment(chunk)).forEach(function (s) {
          if (s.isWordLike) browser.set(s.index, s.segment);
        });
      }
      var n = chunk.length, cost = new Array(n + 1).fill(Infinity), step = new Array(n + 1);
      cost[n] = 0;
      for (var i = n - 1; i >= 0; i--) {
        var choices = [];
        for (var k = Math.min(longest, n - i); k >= 2; k--) {
          if (self.vocabulary.has(chunk.substr(i, k))) choices.push([k, 1]);
          // a plan's term of three characters or more, only where the vocabularies would leave a character alone
          // (专利池是啥: not 专利 / 池); shorter ones (地方, 人口) are everyday words
          else if (k > 2 && planTerms.has(chunk.substr(i, k))) choices.push([k, 1 + SINGLE / 2]);
        }
        var word = browser.get(i), cjk = CJK.test(chunk[i]);
        if (word && !cjk) choices.push([word.length, 1]);  // a Latin word or a number, whole
        else {
          // a word of question characters only (是啥, 咋样) is read as those characters, which a query leaves out
          var asked = word && (PARTICLE.test(word) || Array.from(word).every(function (c) { return self.ignored.has(c); }));
          if (word && word.length > 1 && !asked) choices.push([word.length, 1 + UNKNOWN]);
          choices.push([1, cjk && self.ignored.has(chunk[i]) ? 1 : 1 + SINGLE]);
        }
        choices.forEach(function (c) {
          if (i + c[0] <= n && c[1] + cost[i + c[0]] < cost[i]) { cost[i] = c[1] + cost[i + c[0]]; step[i] = c[0]; }
        });
      }
      var run = "";
      for (var at = 0; at < n; at += step[at]) {
        var piece = chunk.substr(at, step[at]);
        if (!browser.has(at) && !CJK.test(piece)) {  // punctuation: it ends a run of single characters
          if (run) out.push(run);
          run = "";
          continue;
        }
        if (piece.length === 1 && CJK.test(piece) && !self.ignored.has(piece)) { run += piece; continue; }
        if (run) out.push(run);
        run = "";
        out.push(piece);
      }
      if (run) out.push(run);
    });
    this.segmented = { text: text, pieces: out };
    return out.slice();
  };

  // One piece of a query as the index can look it up: its wordings in the index's language, closest first, each
  // with a weight; `mapped` when the reader's vocabulary supplied them.
  Engine.prototype.concept = function (piece, literal) {
    if (this.planNamed.has(piece)) return { typed: piece, plan: this.planNamed.get(piece), alts: [], known: true };
    var home = this.lang, pieceLang = CJK.test(piece) ? "zh" : "en", alts = [], mapped = false, self = this;
    // `core`: the wordings the "understood as" line names (the words as typed, the glossary's, the first two a
    // reader's word leads to); the others find more records but do not make a record hold the concept. `closest`:
    // the words as typed, the glossary's and the first term a reader's word leads to.
    function add(text, weight, core, closest) { if (text && !alts.some(function (a) { return a.text === text; })) alts.push({ text: text, weight: weight, core: core, closest: closest }); }
    var asTyped = pieceLang === home || home === "zh";  // Chinese text quotes Latin words as they are (GDP, 29490)
    if (asTyped) add(piece, 1, true, true);
    var terms = this.termsNamed(piece, pieceLang, pieceLang !== home);
    terms.forEach(function (t) { t[home].forEach(function (f) { add(f, pieceLang === home ? 1 : 0.9, true, true); }); });
    var match = literal ? null : this.readerMatch(piece), entry = match && match.entry;
    if (entry) {
      if (asTyped) add(match.word, 1, true, true);
      // a plan's term, typed, is held as typed; the entry's other terms only add to the score
      entry.to.forEach(function (t, i) { add(t, MAPPED_WEIGHT / (1 + 0.6 * i), i < 2 && !match.official, i === 0); });
      mapped = !match.official;
    }
    if (!asTyped && !terms.length && !entry) return null;  // nothing to look up in this language
    // `known`: a word of the site's or the reader's vocabulary, or a term it leads to, not only a word the browser's
    // segmenter found
    var known = terms.length > 0 || !!entry || (pieceLang === "zh" && this.vocabulary.has(piece));
    return { typed: piece, alts: alts, mapped: mapped && alts.length > (asTyped ? 1 : 0), entry: entry, known: known };
  };

  Engine.prototype.concepts = function (text, literal) {
    var self = this, cjk = CJK.test(text);
    var pieces = cjk ? this.segment(text) : this.englishSpans(text);
    pieces = pieces.filter(function (p) { return !self.ignored.has(p) && (CJK.test(p) ? p.length > 1 : true); });
    var out = [];
    unique(pieces).forEach(function (p) {
      var c = self.concept(p, literal);
      // two words of one reader's entry (中小学生 … 知识产权课) are one concept
      if (c && c.entry && out.some(function (o) { return o.entry === c.entry; })) return;
      if (c && (c.alts.length || c.plan != null)) out.push(c);
    });
    // Two words of the query that make a glossary term together, in their order (数据 … 知识产权: 数据知识产权), are
    // read as that term.
    if (cjk) {
      for (var i = 0; i < out.length; i++) {
        for (var j = i + 1; j < out.length; j++) {
          var joined = out[i].typed + out[j].typed;
          if (out[i].plan == null && out[j].plan == null && this.termsNamed(joined, "zh").length) {
            var whole = this.concept(joined, literal);
            if (whole) { out.splice(j, 1); out[i] = whole; break; }
          }
        }
      }
    }
    // A word that a reader's word beside it leads to is one concept with it ("loan" beside "pledge", 请不起律师 … 免费):
    // the reader's word keeps its closest terms, and the word counts among them as typed. Only a core wording counts:
    // a record holding "dispute" need not hold "without going to court".
    out = out.filter(function (c) {
      var wider = out.filter(function (other) { return other !== c && other.plan == null && other.alts.some(function (a) { return a.core && a.text === c.typed; }) && c.alts.length <= other.alts.length; })[0];
      if (!wider) return true;
      wider.alts.forEach(function (a) { if (a.text === c.typed) { a.weight = 1; a.closest = true; } });
      return false;
    });
    // A query that only names a plan is a question about that plan's text, not a filter.
    return out.every(function (c) { return c.plan != null; }) ? [] : out;
  };

  // Answer cards the query names, strongest first (see lexicon.Lexicon._theme_keys), then theme, glossary, agency. A
  // reader's word names the first theme of its entry weakly (strength 1), found as readerMatch finds it: compared by
  // stem, "patents" would name what "patentable" does.
  Engine.prototype.answersFor = function (text) {
    var self = this, key = CJK.test(text) ? null : this.key(text), order = ["theme", "glossary", "agency"], found = [];
    var entry = this.readerEntry(text), own = entry && entry.t ? this.themeAnswers.get(entry.t[0]) : null;
    this.lexicon.answers.forEach(function (a) {
      var strength = a === own ? 1 : -1;
      a.keys.forEach(function (pair) {
        var k = pair[0];
        if (k === text || (key && !CJK.test(k) && self.key(k) === key)) strength = Math.max(strength, pair[1]);
      });
      if (strength >= 0) found.push({ answer: a, strength: strength });
    });
    found.sort(function (x, y) { return y.strength - x.strength || order.indexOf(x.answer.kind) - order.indexOf(y.answer.kind); });
    return found.map(function (f) { return f.answer; });
  };

  // query -> {status, text, results: [{rec, cls, score, phrases, held}], answers, understood, mapped, concepts}
  Engine.prototype.search = function (query, options) {
    var self = this, literal = !!(options && options.literal);
    return this.ready.then(function () {
      var raw = String(query || ""), long = raw.length > MAX_QUERY, kept = S.clip(raw);
      var text = normalize(kept);
      if (!text) return { status: raw.trim() ? "punctuation" : "empty", text: text, results: [], answers: [] };
      if (!/[0-9a-z\u3400-\u9fff\uf900-\ufaff]/.test(text)) return { status: "punctuation", text: text, results: [], answers: [] };
      var key = self.simplified(text);
      return self.wordsFor(key).then(function () { return self.run(key, literal); }).then(function (found) {
        found.status = long ? "shortened" : "ok";
        found.text = kept.replace(/\s+/g, " ").trim();  // as the reader typed it, for the messages
        found.literal = literal;
        return found;
      });
    });
  };

  Engine.prototype.run = function (text, literal) {
    var self = this, home = this.lang, queryLang = CJK.test(text) ? "zh" : "en";
    var whole = [];  // [{cls, text, literal, weight}]
    var mapped = null;
    if (queryLang === home) {
      whole.push({ cls: CLASS.EXACT, text: text, literal: true, weight: 1 });
      if (home === "en") {
        // Other forms of the same words, and the glossary's accepted forms of the term the query names, are the
        // query itself (plural, hyphenation, SME/SMEs); the words as typed rank first by LITERAL_BONUS.
        whole.push({ cls: CLASS.EXACT, text: text, literal: false, weight: 1 });
        this.termsNamed(text, "en").forEach(function (t) { t.en.forEach(function (f) { whole.push({ cls: CLASS.EXACT, text: f, weight: 1 }); }); });
      }
      this.variants(text).forEach(function (v) { whole.push({ cls: CLASS.SYNONYM, text: v, weight: 1 }); });
    } else {
      // Typed in the other language: literal matches first (e.g. "PCT" in Chinese text), then through the glossary.
      whole.push({ cls: CLASS.EXACT, text: text, literal: true, weight: 1 });
      var terms = this.termsNamed(text, queryLang, true);
      if (terms.length) {
        var forms = home === "zh" ? terms.map(function (t) { return t.zh[0]; }) : unique([].concat.apply([], terms.map(function (t) { return t.en; })));
        mapped = { from: text, to: [forms[0]] };
        forms.forEach(function (f) { whole.push({ cls: CLASS.SYNONYM, text: f, weight: 1 }); });
      }
    }
    var said = literal ? null : this.readerMatch(text), entry = said && !said.official ? said.entry : null, understood = null;
    if (entry && !mapped) {  // a reader's word; typed in the other language, its literal matches (the glossary's English
      if (queryLang !== home) whole[0].cls = CLASS.MAPPED;  // holds "patent") rank with the terms it leads to, not first
      entry.to.forEach(function (t, i) { whole.push({ cls: CLASS.MAPPED, text: t, weight: MAPPED_WEIGHT / (1 + 0.6 * i) }); });
      // not when the entry leads only to the words typed (Macao on the English edition: "read from Macao" says nothing)
      understood = entry.to.length > 1 || fold(entry.to[0]) !== text ? { from: text, concepts: [entry.to.slice(0, 2)] } : null;
    }
    var asked = literal ? [] : this.asks("who", text), defined = literal ? [] : this.asks("define", text);
    var concepts = this.subject(asked.concat(defined), this.concepts(text, literal));
    // One concept that is the whole query adds nothing to the whole-query matches.
    if (concepts.length === 1 && (concepts[0].typed === text || (entry && concepts[0].entry === entry))) concepts = [];
    if (!understood && concepts.some(function (c) { return c.mapped; })) {
      understood = { from: text, concepts: concepts.map(function (c) { return c.mapped ? c.entry.to.slice(0, 2) : [c.typed]; }) };
    }
    // each concept by its first wording in the edition's language, which a Chinese edition may not have ("instead of
    // going to court"; it searches English words as typed too): those it has, if any, are what the query maps to
    var homeForms = mapped || queryLang === home ? [] : concepts.map(function (c) { return c.alts.filter(function (a) { return a.text && CJK.test(a.text) === (home === "zh"); })[0]; }).filter(Boolean);
    if (homeForms.length) mapped = { from: text, to: homeForms.map(function (a) { return a.text; }) };
    var answers = this.answersFor(text);
    return this.collect(whole, concepts).then(function (results) {
      var missing = concepts.filter(function (c) { return !c.df && c.plan == null; }).map(function (c) { return c.typed; });
      // With no whole-query match, a query of several concepts may still name a theme through one of them.
      if (!answers.length && !results.some(function (r) { return r.cls < CLASS.CONCEPTS; })) answers = self.conceptAnswer(concepts, results);
      answers = self.answerAsked(text, literal, asked, defined, concepts, results, answers);  // search-asks.js
      return { results: results, answers: answers, mapped: mapped, understood: understood, concepts: concepts,
               missing: results.some(function (r) { return r.cls < CLASS.CONCEPTS; }) ? [] : missing };
    });
  };

  // Other wordings of the query from the glossary: the whole query, or one term in it, replaced by its synonyms.
  Engine.prototype.variants = function (text) {
    var out = [], lang = this.lang, self = this;
    this.termsNamed(text, lang).forEach(function (t) { t[lang].forEach(function (f) { if (f !== text) out.push(f); }); });
    var pieces = lang === "zh" ? this.segment(text) : this.englishSpans(text);
    pieces.forEach(function (s) {
      if (s === text || (lang === "zh" && s.length < 2)) return;
      self.termsNamed(s, lang).forEach(function (t) {
        t[lang].forEach(function (f) {
          if (lang === "zh" ? f !== s : self.key(f) !== self.key(s)) out.push(lang === "zh" ? text.split(s).join(f) : text.replace(s, f));
        });
      });
    });
    return unique(out).filter(function (v) { return v !== text; }).slice(0, 24);
  };

})();
