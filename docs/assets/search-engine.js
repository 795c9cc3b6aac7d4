// The site's search engine: reads the index written by hooks/plansite/search/ (search-index/<edition>/), reads a
// query as the reader meant it and ranks the records. Used by search.js (the header box and the results page) and
// by finder.js (its word box). window.PlanSearch.Engine.
//
// How a query is read:
// 1. folded (full-width forms, case, Traditional characters to the index's Simplified ones);
// 2. as a whole: the records that contain it (the words as typed; in English other forms of the same words and the
//    glossary's accepted forms), then with a glossary alias in its place, then (a reader's word, data/reader-
//    vocabulary.yaml) the plans' terms it leads to: these are the whole-query matches, always first;
// 3. as concepts: segmented with the site's vocabulary, the reader's and the browser's segmenter, the words of a
//    question left out; each concept stands for its wordings (glossary aliases, the terms a reader's word leads to).
//    Records holding every concept rank first, then those holding most, each ranked by BM25 over the concepts (a
//    rarer concept weighs more). Single characters never count.
(function () {
  "use strict";
  if (window.PlanSearch) return;  // loaded already (the finder loads it itself when its word box is used first)

  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var CJK_PAIR = /([\u3400-\u9fff\uf900-\ufaff]) (?=[\u3400-\u9fff\uf900-\ufaff])/g;
  var WORD = /[a-z0-9]+/g;
  var MAX_QUERY = 64;
  var CLASS = { EXACT: 0, SYNONYM: 1, MAPPED: 2, CONCEPTS: 10 };  // a class below CONCEPTS is a whole-query match
  var K1 = 1.2, B = 0.75, TITLE_WEIGHT = 3;
  var MAPPED_WEIGHT = 0.8;  // the plans' terms a reader's word leads to weigh less than the words as typed
  // A word found in more than this share of the records (知识产权, 企业, 提高) ranks but filters nothing; a reader's
  // word (which stands for the plans' terms) always filters.
  var COMMON = 0.1;
  var STRONG = 5;  // whole-query matches that stand in a title or in this many records come first, however many concepts
  // Glossary entries explain words; the plans' own items come first unless the entry is the answer card.
  var KIND_PRIOR = { task: 0.3, box: 0.3, indicator: 0.2, theme: 0.3, glossary: -2.5, agency: 0.2, section: 0 };
  // Theme, glossary and agency entries list the titles of many items: a concept found there counts for less.
  // So do the running text of a section (background and goals mention almost everything) and the glossary, except
  // for the entry whose term is one of the concept's wordings (TERM_BONUS).
  var ENTRY_WEIGHT = { task: 1, box: 1, indicator: 1, section: 0.5, theme: 0.5, agency: 0.4, glossary: 0.3 };
  var TERM_BONUS = 2;
  var LITERAL_BONUS = 0.5;  // English: the words as typed rank above other forms of them

  // --- text: the same folding as hooks/plansite/search/text.py ---------------------------------------------
  var QUOTES = { "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u3000": " " };
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i], code = text.charCodeAt(i);
      if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
      else if (QUOTES[ch]) ch = QUOTES[ch];
      else if (/\s/.test(ch)) ch = " ";
      if (ch >= "A" && ch <= "Z") ch = ch.toLowerCase();
      out += ch;
    }
    return out;
  }
  function shardOf(key, shards) {  // FNV-1a over UTF-16 code units, as text.shard_of
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % shards;
  }
  function words(text) { return fold(text).match(WORD) || []; }
  // A query as the reader meant it: folded, spaces collapsed, and no space between two Chinese characters.
  function normalize(query) { return fold(query).replace(/ +/g, " ").trim().replace(CJK_PAIR, "$1"); }
  function unique(list) { return list.filter(function (v, i) { return list.indexOf(v) === i; }); }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function decode(encoded) {  // "rec:pos,pos;rec:pos" in base 36, as differences -> {rec: [positions]}
    var out = new Map(), rec = 0;
    if (!encoded) return out;
    encoded.split(";").forEach(function (part) {
      var pair = part.split(":"), pos = 0;
      rec += parseInt(pair[0], 36);
      out.set(rec, pair[1].split(",").map(function (d) { pos += parseInt(d, 36); return pos; }));
    });
    return out;
  }
  function merge(maps) {  // union of position maps, positions sorted
    var out = new Map();
    maps.forEach(function (map) { map.forEach(function (pos, rec) { out.set(rec, (out.get(rec) || []).concat(pos)); }); });
    out.forEach(function (pos) { pos.sort(function (a, b) { return a - b; }); });
    return out;
  }
  // Where a phrase starts, per record: positions p of the first key such that every key i occurs at p + offsets[i].
  function align(lists, offsets) {
    var out = new Map();
    if (!lists.length) return out;
    lists[0].forEach(function (starts, rec) {
      var sets = [];
      for (var i = 1; i < lists.length; i++) {
        var pos = lists[i].get(rec);
        if (!pos) return;
        sets.push(new Set(pos));
      }
      var hits = starts.filter(function (p) { return sets.every(function (set, i) { return set.has(p + offsets[i + 1]); }); });
      if (hits.length) out.set(rec, hits);
    });
    return out;
  }
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

  // --- the index of one edition --------------------------------------------------------------------------------
  function Engine(indexUrl, lang) {
    this.url = indexUrl;
    this.lang = lang;
    this.files = new Map();
    this.postings = new Map();
    this.ready = Promise.all([this.json("meta.json"), this.json("lexicon.json")]).then(function (parts) {
      this.meta = parts[0];
      this.lexicon = parts[1];
      this.prepare();
      return this;
    }.bind(this));
  }

  Engine.prototype.json = function (path) {
    if (!this.files.has(path)) {
      this.files.set(path, fetch(this.url + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      }));
    }
    return this.files.get(path);
  };

  Engine.prototype.prepare = function () {
    var lex = this.lexicon, self = this;
    // The glossary's and the names' wordings are compared folded and shown as written.
    this.shown = new Map();
    lex.glossary.concat(lex.names).forEach(function (entry) {
      ["zh", "en"].forEach(function (lang) {
        entry[lang] = entry[lang].map(function (w) { var f = fold(w); if (!self.shown.has(f)) self.shown.set(f, w); return f; });
      });
    });
    var vocabulary = new Set(lex.vocabulary), longest = 0;
    lex.glossary.forEach(function (term) { term.zh.forEach(function (f) { vocabulary.add(f); }); });
    this.readerOf = new Map();  // a reader's word -> its entry
    lex.reader.forEach(function (entry) {
      entry.w.forEach(function (w) { self.readerOf.set(w, entry); if (CJK.test(w)) vocabulary.add(w); });
    });
    this.ignored = new Set(lex.ignore.zh.concat(lex.ignore.en));
    this.planNamed = new Map();  // a plan's name -> its index
    lex.plans.forEach(function (forms, i) { forms.forEach(function (f) { self.planNamed.set(f, i); if (CJK.test(f)) vocabulary.add(f); }); });
    lex.ignore.zh.forEach(function (w) { vocabulary.add(w); });
    vocabulary.forEach(function (w) { longest = Math.max(longest, w.length); });
    this.vocabulary = vocabulary;
    this.longest = longest;
    var total = 0;
    this.meta.records.forEach(function (r) { total += r[3]; });
    this.averageLength = total / this.meta.records.length;
    // Traditional characters to the Simplified ones of the index: pairs of characters, and two-character words.
    var chars = lex.hant.chars, pairs = lex.hant.words;
    this.toSimplified = new Map();
    this.hantWords = new Map();
    for (var i = 0; i + 1 < chars.length; i += 2) this.toSimplified.set(chars[i], chars[i + 1]);
    for (var j = 0; j + 3 < pairs.length; j += 4) this.hantWords.set(pairs.substr(j, 2), pairs.substr(j + 2, 2));
    this.themeAnswers = new Map();
    lex.answers.forEach(function (a) { if (a.kind === "theme") self.themeAnswers.set(a.url.split("/")[1], a); });
  };

  // A text in either script in the index's Simplified characters, character for character (offsets stay valid).
  Engine.prototype.simplified = function (text) {
    var out = "", map = this.toSimplified, pairs = this.hantWords;
    for (var i = 0; i < text.length; i++) {
      var word = pairs.size && i + 1 < text.length ? pairs.get(text.substr(i, 2)) : null;
      if (word) { out += word; i++; continue; }
      out += map.get(text[i]) || text[i];
    }
    return out;
  };
  // Terms of the index as the edition shows them (the Traditional edition names them in Traditional characters).
  Engine.prototype.display = function (term) {
    var converted = this.lexicon.display || {};
    if (has(converted, term)) return converted[term];
    return this.shown.get(term) || term;
  };

  Engine.prototype.stem = function (word) {
    var stems = this.lexicon.stems;
    if (has(stems, word)) return stems[word];
    var tries = [word.replace(/ies$/, "y"), word.replace(/es$/, ""), word.replace(/s$/, ""), word.replace(/ing$/, ""), word.replace(/ed$/, "")];
    for (var i = 0; i < tries.length; i++) if (has(stems, tries[i])) return stems[tries[i]];
    return word;
  };
  Engine.prototype.stems = function (text) { return words(text).map(this.stem, this); };
  // English compared by stems, "IP" left out ("overseas rights protection" names "overseas IP rights protection").
  Engine.prototype.key = function (text) { return this.stems(text).filter(function (s) { return s !== "ip"; }).join(" "); };

  // --- postings ----------------------------------------------------------------------------------------------
  Engine.prototype.bigrams = function (key) {
    var self = this;
    if (this.postings.has(key)) return Promise.resolve(this.postings.get(key));
    return this.json("shards/" + shardOf(key[0], this.meta.shards) + ".json").then(function (shard) {
      var found = decode(shard[key]);
      self.postings.set(key, found);
      return found;
    });
  };
  Engine.prototype.zhPhrase = function (phrase) {
    if (phrase.length < 2) return Promise.resolve(new Map());  // single characters never count
    var offsets = [];
    for (var k = 0; k + 2 <= phrase.length; k += 2) offsets.push(k);
    if (offsets[offsets.length - 1] !== phrase.length - 2) offsets.push(phrase.length - 2);
    return Promise.all(offsets.map(function (k) { return this.bigrams(phrase.substr(k, 2)); }, this)).then(function (lists) {
      return align(lists, offsets);
    });
  };
  Engine.prototype.stemEntry = function (stem) {
    var key = "s:" + stem, self = this;
    if (this.postings.has(key)) return Promise.resolve(this.postings.get(key));
    return this.json("shards/" + shardOf(stem, this.meta.shards) + ".json").then(function (shard) {
      var entry = shard[stem] || {}, decoded = {};
      Object.keys(entry).forEach(function (surface) { decoded[surface] = decode(entry[surface]); });
      self.postings.set(key, decoded);
      return decoded;
    });
  };
  // English: consecutive word positions; with `surfaces`, only those exact words (the literal phrase).
  Engine.prototype.enPhrase = function (stems, surfaces) {
    return Promise.all(stems.map(this.stemEntry, this)).then(function (entries) {
      var lists = entries.map(function (entry, i) {
        return merge(Object.keys(entry).filter(function (surface) { return !surfaces || surface === surfaces[i]; })
          .map(function (surface) { return entry[surface]; }));
      });
      return align(lists, lists.map(function (_, i) { return i; }));
    });
  };
  // A phrase in the index's own language -> {rec: [start positions]}.
  Engine.prototype.phrase = function (text, literal) {
    if (this.lang === "zh") return this.zhPhrase(text);
    var stems = this.stems(text);
    if (!stems.length) return Promise.resolve(new Map());
    return this.enPhrase(stems, literal ? words(text) : null);
  };
  Engine.prototype.phraseLength = function (text) { return this.lang === "zh" ? text.length : this.stems(text).length; };

  // --- reading a query -----------------------------------------------------------------------------------------
  // Chinese: the longest words of the site's and the reader's vocabularies first, the browser's segmenter for the rest.
  // The browser's segmenter knows fewer words than the plans use (侵权 comes out as 侵 + 权): characters it leaves
  // single are joined again, up to a word of the site's or a word a question leaves out.
  Engine.prototype.segment = function (text) {
    var out = [], rest = "", self = this;
    function flush() {
      if (!rest) return;
      var pieces = typeof Intl !== "undefined" && Intl.Segmenter
        ? Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(rest)).filter(function (s) { return s.isWordLike; }).map(function (s) { return s.segment; })
        : [rest];
      var run = "";
      pieces.concat([""]).forEach(function (p) {
        if (p.length === 1 && CJK.test(p) && !self.ignored.has(p)) { run += p; return; }
        if (run) out.push(run);
        run = "";
        if (p) out.push(p);
      });
      rest = "";
    }
    for (var i = 0; i < text.length;) {
      var match = "";
      for (var n = Math.min(this.longest, text.length - i); n >= 2; n--) {
        if (this.vocabulary.has(text.substr(i, n))) { match = text.substr(i, n); break; }
      }
      if (match) { flush(); out.push(match); i += match.length; } else if (text[i] === " ") { flush(); i++; } else { rest += text[i]; i++; }
    }
    flush();
    return out;
  };
  // English: runs of words that name a glossary term or a reader's phrase (longest first, left to right).
  Engine.prototype.englishSpans = function (text) {
    var list = words(text), out = [], self = this;
    for (var i = 0; i < list.length;) {
      var found = 1;
      for (var n = list.length - i; n >= 2; n--) {
        var span = list.slice(i, i + n).join(" ");
        if (self.readerOf.has(span) || self.planNamed.has(span) || self.termsNamed(span, "en").length) { found = n; break; }
      }
      out.push(list.slice(i, i + found).join(" "));
      i += found;
    }
    return out;
  };
  // The glossary terms a text names in one language (English compared by stems); with `names`, themes and agencies too.
  Engine.prototype.termsNamed = function (text, lang, names) {
    var self = this, key = lang === "en" ? this.key(text) : null;
    if (lang === "en" && !key) return [];
    var pool = names ? this.lexicon.glossary.concat(this.lexicon.names) : this.lexicon.glossary;
    return pool.filter(function (term) {
      return term[lang].some(function (form) { return lang === "en" ? self.key(form) === key : form === text; });
    });
  };
  // A reader's word as typed, or (English) by stems.
  Engine.prototype.readerEntry = function (text) {
    if (this.readerOf.has(text)) return this.readerOf.get(text);
    if (CJK.test(text)) return null;
    var key = this.key(text), found = null, self = this;
    if (!key) return null;
    this.readerOf.forEach(function (entry, w) { if (!found && !CJK.test(w) && self.key(w) === key) found = entry; });
    return found;
  };

  // One piece of a query as the index can look it up: its wordings in the index's language, closest first, each
  // with a weight; `mapped` when the reader's vocabulary supplied them.
  Engine.prototype.concept = function (piece, literal) {
    if (this.planNamed.has(piece)) return { typed: piece, plan: this.planNamed.get(piece), alts: [] };
    var home = this.lang, pieceLang = CJK.test(piece) ? "zh" : "en", alts = [], mapped = false, self = this;
    function add(text, weight) { if (text && !alts.some(function (a) { return a.text === text; })) alts.push({ text: text, weight: weight }); }
    if (pieceLang === home) add(piece, 1);
    var terms = this.termsNamed(piece, pieceLang, pieceLang !== home);
    terms.forEach(function (t) { t[home].forEach(function (f) { add(f, pieceLang === home ? 1 : 0.9); }); });
    var entry = literal ? null : this.readerEntry(piece);
    if (entry) {
      entry.to.forEach(function (t, i) { add(t, MAPPED_WEIGHT / (1 + 0.6 * i)); });
      mapped = true;
    }
    if (pieceLang !== home && !terms.length && !entry) return null;  // nothing to look up in this language
    return { typed: piece, alts: alts, mapped: mapped && alts.length > (pieceLang === home ? 1 : 0), entry: entry };
  };

  Engine.prototype.concepts = function (text, literal) {
    var self = this, cjk = CJK.test(text);
    var pieces = cjk ? this.segment(text) : this.englishSpans(text);
    pieces = pieces.filter(function (p) { return !self.ignored.has(p) && (CJK.test(p) ? p.length > 1 : true); });
    var out = [];
    unique(pieces).forEach(function (p) { var c = self.concept(p, literal); if (c && (c.alts.length || c.plan != null)) out.push(c); });
    // A concept that another one implies adds nothing ("loan" beside "pledge": every record with "pledge" has both).
    out = out.filter(function (c) {
      return !out.some(function (other) { return other !== c && other.plan == null && c.alts.some(function (a) { return a.text === other.typed; }) && other.alts.length <= c.alts.length; });
    });
    // A query that only names a plan is a question about that plan's text, not a filter.
    return out.every(function (c) { return c.plan != null; }) ? [] : out;
  };

  // Answer cards the query names, strongest first (see lexicon.Lexicon._theme_keys), then theme, glossary, agency.
  Engine.prototype.answersFor = function (text) {
    var self = this, key = CJK.test(text) ? null : this.key(text), order = ["theme", "glossary", "agency"], found = [];
    this.lexicon.answers.forEach(function (a) {
      var strength = -1;
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
      var raw = String(query || ""), long = raw.length > MAX_QUERY;
      var text = normalize(raw.slice(0, MAX_QUERY));
      if (!text) return { status: raw.trim() ? "punctuation" : "empty", text: text, results: [], answers: [] };
      if (!/[0-9a-z\u3400-\u9fff\uf900-\ufaff]/.test(text)) return { status: "punctuation", text: text, results: [], answers: [] };
      var key = self.simplified(text);
      return self.run(key, literal).then(function (found) {
        found.status = long ? "shortened" : "ok";
        found.text = raw.slice(0, MAX_QUERY).replace(/\s+/g, " ").trim();  // as the reader typed it, for the messages
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
    var entry = literal ? null : this.readerEntry(text);
    var understood = null;
    if (entry && !mapped) {
      entry.to.forEach(function (t, i) { whole.push({ cls: CLASS.MAPPED, text: t, weight: MAPPED_WEIGHT / (1 + 0.6 * i) }); });
      understood = { from: text, concepts: [entry.to.slice(0, 2)] };
    }
    var concepts = this.concepts(text, literal);
    // One concept that is the whole query adds nothing to the whole-query matches.
    if (concepts.length === 1 && (concepts[0].typed === text || (entry && concepts[0].entry === entry))) concepts = [];
    if (!understood && concepts.some(function (c) { return c.mapped; })) {
      understood = { from: text, concepts: concepts.map(function (c) { return c.mapped ? c.entry.to.slice(0, 2) : [c.typed]; }) };
    }
    if (!mapped && queryLang !== home && concepts.length) {
      mapped = { from: text, to: concepts.map(function (c) { return c.alts[0].text; }) };
    }
    var answers = this.answersFor(text);
    return this.collect(whole, concepts).then(function (results) {
      var missing = concepts.filter(function (c) { return !c.df && c.plan == null; }).map(function (c) { return c.typed; });
      // With no whole-query match, a query of several concepts may still name a theme through one of them.
      if (!answers.length && !results.some(function (r) { return r.cls < CLASS.CONCEPTS; })) answers = self.conceptAnswer(concepts);
      return { results: results, answers: answers, mapped: mapped, understood: understood, concepts: concepts,
               missing: results.some(function (r) { return r.cls < CLASS.CONCEPTS; }) ? [] : missing };
    });
  };

  // A query of several concepts names a theme when one of them does (by the theme's wordings, or a reader's word
  // about it): the rarest such concept's theme is the answer card.
  Engine.prototype.conceptAnswer = function (concepts) {
    var self = this, best = null;
    concepts.forEach(function (c) {
      var themes = self.answersFor(c.typed).concat.apply([], c.alts.map(function (a) { return self.answersFor(a.text); }))
        .filter(function (a) { return a.kind === "theme"; });
      if (c.entry && c.entry.t) themes.unshift(self.themeAnswers.get(c.entry.t[0]));
      if (themes[0] && c.df && (!best || c.df < best.df)) best = { df: c.df, answer: themes[0] };
    });
    return best ? [best.answer] : [];
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

  // A whole-query match's score: the title is the phrase itself, the phrase in the title, how often for the length.
  Engine.prototype.score = function (rec, hits, length) {
    var info = this.meta.records[rec], titleHit = hits[0] < info[2];
    var wholeTitle = hits[0] === 0 && (length === (this.lang === "zh" ? info[2] - 1 : info[2]) || length === info[4]);
    var tf = hits.length, norm = 0.5 + 0.5 * info[3] / this.averageLength;
    return (wholeTitle ? 3 : 0) + (titleHit ? 2 : 0) + tf / (tf + 1.2 * norm) + KIND_PRIOR[this.meta.kinds[info[1]]];
  };

  // A concept's share of a record's score: BM25, with the concept's wordings weighted and the title counting more.
  Engine.prototype.bm25 = function (rec, weightedTf, idf) {
    var info = this.meta.records[rec];
    var norm = K1 * (1 - B + B * info[3] / this.averageLength);
    return idf * weightedTf * (K1 + 1) / (weightedTf + norm);
  };

  // The postings of a concept's wordings; a Chinese word found nowhere (中小学生) stands for the longest part of it
  // that is found (中小学).
  Engine.prototype.conceptHits = function (c) {
    var self = this;
    if (c.plan != null) return Promise.resolve([{ alt: { text: "", weight: 1 }, hits: this.planRecords(c.plan) }]);
    return Promise.all(c.alts.map(function (a) { return self.phrase(a.text, false).then(function (hits) { return { alt: a, hits: hits }; }); }))
      .then(function (found) {
        if (found.some(function (f) { return f.hits.size; }) || !CJK.test(c.typed) || c.typed.length < 3) return found;
        var parts = [];
        for (var n = c.typed.length - 1; n >= 2; n--) for (var i = 0; i + n <= c.typed.length; i++) parts.push(c.typed.substr(i, n));
        return parts.reduce(function (prev, part) {
          return prev.then(function (done) {
            if (done.some(function (f) { return f.hits.size; })) return done;
            return self.phrase(part, false).then(function (hits) { return [{ alt: { text: part, weight: 0.8 }, hits: hits }]; });
          });
        }, Promise.resolve(found));
      });
  };

  Engine.prototype.collect = function (whole, concepts) {
    var self = this, total = this.meta.records.length;
    var wholeJobs = whole.map(function (w) { return self.phrase(w.text, w.literal).then(function (hits) { return { w: w, hits: hits }; }); });
    return Promise.all([Promise.all(wholeJobs), Promise.all(concepts.map(this.conceptHits, this))]).then(function (parts) {
      var best = new Map(), strong = false;
      parts[0].forEach(function (job) {
        job.hits.forEach(function (hits, rec) {
          var score = self.score(rec, hits, self.phraseLength(job.w.text)) * job.w.weight + (job.w.literal && self.lang === "en" ? LITERAL_BONUS : 0);
          var old = best.get(rec);
          if (hits[0] < self.meta.records[rec][2]) strong = true;
          if (!old || job.w.cls < old.cls || (job.w.cls === old.cls && score > old.score)) {
            best.set(rec, { rec: rec, cls: job.w.cls, score: score, phrases: [job.w.text], held: 0 });
          }
        });
      });
      strong = strong || best.size >= STRONG;
      // Concepts: BM25 over the concepts a record holds; records holding more of the concepts that are not common
      // rank first.
      var byRec = new Map(), counted = 0;
      parts[1].forEach(function (found, k) {
        var recs = new Map();
        found.forEach(function (f) {
          var length = f.alt.text ? self.phraseLength(f.alt.text) : -1;
          f.hits.forEach(function (hits, rec) {
            var info = self.meta.records[rec], entry = recs.get(rec) || { tf: 0, phrases: [], named: false };
            hits.forEach(function (p) { entry.tf += f.alt.weight * (p < info[2] ? TITLE_WEIGHT : 1); });
            // the record is the entry of this very wording (a glossary term, a theme)
            if (hits[0] === 0 && (length === (self.lang === "zh" ? info[2] - 1 : info[2]) || length === info[4])) entry.named = true;
            if (f.alt.text) entry.phrases.push(f.alt.text);
            recs.set(rec, entry);
          });
        });
        concepts[k].df = recs.size;
        if (!recs.size) return;
        var filters = recs.size <= COMMON * total || concepts[k].plan != null || concepts[k].mapped;
        concepts[k].common = !filters;
        if (filters) counted++;
        var idf = Math.log(1 + (total - recs.size + 0.5) / (recs.size + 0.5));
        recs.forEach(function (v, rec) {
          var r = byRec.get(rec) || { rec: rec, held: 0, score: 0, phrases: [] };
          if (filters) r.held += 1;
          r.score += self.bm25(rec, v.tf, idf) * ENTRY_WEIGHT[self.meta.kinds[self.meta.records[rec][1]]] + (v.named ? TERM_BONUS : 0);
          r.phrases = r.phrases.concat(v.phrases);
          byRec.set(rec, r);
        });
      });
      // A query of several concepts whose whole phrase stands only in passing (in no title, in few records): a
      // record holding the phrase is one holding every concept, ranked with them (the phrase adds its own score),
      // so that a background section that holds the phrase once does not bury the items about it.
      var exact = 0;
      if (concepts.length > 1 && !strong) {
        best.forEach(function (w, rec) {
          if (w.cls === CLASS.EXACT) exact++;
          var r = byRec.get(rec) || { rec: rec, held: counted, score: 0, phrases: [] };
          byRec.set(rec, { rec: rec, held: counted, score: r.score + w.score, phrases: w.phrases.concat(r.phrases) });
        });
        best = new Map();
      }
      byRec.forEach(function (r, rec) {
        if (best.has(rec) || (!r.held && counted)) return;
        var kind = self.meta.kinds[self.meta.records[rec][1]];
        best.set(rec, { rec: rec, cls: CLASS.CONCEPTS + (counted - r.held), score: r.score + KIND_PRIOR[kind], phrases: r.phrases, held: r.held });
      });
      var results = Array.from(best.values());
      results.sort(function (a, b) { return a.cls - b.cls || b.score - a.score || a.rec - b.rec; });
      results.concepts = counted;
      results.exact = exact;
      return results;
    });
  };

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
      if (terms.length < count && !seen.has(s.term) && s.term !== key) { seen.add(s.term); terms.push(s.term); }
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
    (CJK.test(key) ? this.segment(key) : this.englishSpans(key)).forEach(consider);
    if (CJK.test(key)) {  // the parts of a Chinese query the segmenters did not split (古镇灯饰: 灯饰)
      for (var n = Math.min(key.length - 1, 8); n >= 2; n--) for (var i = 0; i + n <= key.length; i++) if (CJK.test(key.substr(i, n))) consider(key.substr(i, n));
    }
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

  // The records of one plan, each as holding the plan once (at its title), for a query that names the plan.
  Engine.prototype.planRecords = function (plan) {
    var out = new Map();
    this.meta.records.forEach(function (r, rec) { if (r[0] === plan) out.set(rec, [0]); });
    return out;
  };

  Engine.prototype.record = function (rec) { return this.json("records/" + rec + ".json"); };
  Engine.prototype.kindGroup = function (rec) {
    var kind = this.meta.kinds[this.meta.records[rec][1]];
    return kind === "task" || kind === "box" || kind === "indicator" ? kind : "other";
  };
  Engine.prototype.planOf = function (rec) { return this.meta.records[rec][0]; };

  // The first place in a text where one of the phrases occurs, as [start, end) in the text's own characters.
  Engine.prototype.locate = function (text, phrases) {
    var folded = this.simplified(fold(text)), best = null, self = this;
    phrases.forEach(function (phrase) {
      var span = null;
      if (self.lang === "zh" || CJK.test(phrase)) {
        var at = folded.indexOf(fold(phrase));
        if (at >= 0) span = [at, at + phrase.length];
      } else {
        var want = self.stems(phrase), list = [], m;
        WORD.lastIndex = 0;
        while ((m = WORD.exec(folded))) list.push({ stem: self.stem(m[0]), start: m.index, end: m.index + m[0].length });
        for (var i = 0; i + want.length <= list.length && !span; i++) {
          if (want.every(function (s, k) { return list[i + k].stem === s; })) span = [list[i].start, list[i + want.length - 1].end];
        }
      }
      if (span && (!best || span[0] < best[0])) best = span;
    });
    return best;
  };

  var engines = {};
  // One engine per index, shared by every part of the page that searches.
  function engineFor(indexUrl, lang) {
    var url = new URL(indexUrl, location.href).href;
    if (!engines[url]) engines[url] = new Engine(url, lang);
    return engines[url];
  }

  window.PlanSearch = { Engine: Engine, engineFor: engineFor, fold: fold, shardOf: shardOf, normalize: normalize, CLASS: CLASS, MAX_QUERY: MAX_QUERY };
})();
