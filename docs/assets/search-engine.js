// The site's search engine: reads the index written by hooks/plansite/search/ (search-index/<edition>/), reads a
// query as the reader meant it and ranks the records (README, "Search"). Used by search.js (the header box and the
// results page) and finder.js (its word box). This file: text folding, the index of one edition (loading, postings,
// phrases) and window.PlanSearch; search-words.js looks words up in the vocabularies, search-reading.js reads a query,
// search-ranking.js ranks, search-asks.js answers what a question asks for (an agency, a figure, a meaning),
// search-help.js helps when little is found (loaded after it, in that order).
(function () {
  "use strict";
  if (window.PlanSearch) return;  // loaded already (the finder loads the engine itself when its word box is used first)

  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var CJK_PAIR = /([\u3400-\u9fff\uf900-\ufaff]) (?=[\u3400-\u9fff\uf900-\ufaff])/g;
  var WORD = /[a-z0-9]+/g;
  var MAX_QUERY = 100;  // characters searched; a longer query is cut there, before a Latin word it would split
  var CLASS = { EXACT: 0, SYNONYM: 1, MAPPED: 2, CONCEPTS: 10 };  // a class below CONCEPTS is a whole-query match

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
  // The part of a query that is read (MAX_QUERY).
  function clip(query) {
    if (query.length <= MAX_QUERY) return query;
    var cut = query.slice(0, MAX_QUERY);
    if (/[A-Za-z0-9]/.test(query[MAX_QUERY])) cut = cut.replace(/[A-Za-z0-9]+$/, "") || cut;
    return cut;
  }
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
  // --- the index of one edition --------------------------------------------------------------------------------
  function Engine(indexUrl, lang) {
    this.url = indexUrl;
    this.lang = lang;
    this.files = new Map();
    this.postings = new Map();
    // The stems of English words are fetched with the rest on the English edition, and on the Chinese ones only
    // for a query with English words in it (wordsFor).
    var stems = lang === "en" ? this.json("stems.json") : null;
    this.ready = Promise.all([this.json("meta.json"), this.json("lexicon.json"), stems]).then(function (parts) {
      this.meta = parts[0];
      this.lexicon = parts[1];
      this.lexicon.stems = parts[2];
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
    this.shown = new Map();
    lex.glossary.concat(lex.names).forEach(function (t) { t.zh = self.wordings(t.zh); t.en = self.wordings(t.en); });
    this.nameCards();
    var vocabulary = this.vocabulary = new Set(lex.vocabulary);
    lex.glossary.forEach(function (term) { term.zh.forEach(function (f) { vocabulary.add(f); }); });
    this.ignored = new Set(lex.ignore.zh.concat(lex.ignore.en));
    this.planNamed = new Map();  // a plan's name -> its index
    lex.plans.forEach(function (forms, i) { forms.forEach(function (f) { self.planNamed.set(f, i); if (CJK.test(f)) vocabulary.add(f); }); });
    lex.ignore.zh.forEach(function (w) { vocabulary.add(w); });
    this.readerOf = new Map();  // a reader's word -> its entry
    this.learn(lex.reader.map(function (entry) { var own = entry.w; entry.w = []; return own; }));
    var total = 0;
    this.meta.records.forEach(function (r) { total += r[3]; });
    this.averageLength = total / this.meta.records.length;
    // Traditional characters (and written Cantonese ones) to the Simplified ones of the index: pairs of characters,
    // and two-character words.
    var chars = lex.hant.chars + lex.hant.spoken, pairs = lex.hant.words;
    this.toSimplified = new Map();
    this.hantWords = new Map();
    for (var i = 0; i + 1 < chars.length; i += 2) this.toSimplified.set(chars[i], chars[i + 1]);
    for (var j = 0; j + 3 < pairs.length; j += 4) this.hantWords.set(pairs.substr(j, 2), pairs.substr(j + 2, 2));
    this.themeAnswers = new Map();
    lex.answers.forEach(function (a) { if (a.kind === "theme") self.themeAnswers.set(a.url.split("/")[1], a); });
  };

  // The glossary's and the names' wordings, compared folded and shown as written (the other language's: wordsFor).
  Engine.prototype.wordings = function (forms) {
    return forms.map(function (w) { var f = fold(w); if (!this.shown.has(f)) this.shown.set(f, w); return f; }, this);
  };

  // A glossary or agency card is named by its entry's wordings, the first in each language most strongly.
  Engine.prototype.nameCards = function () {
    var named = this.lexicon.glossary.concat(this.lexicon.names);
    this.lexicon.answers.forEach(function (a) {
      var entry = named[a.words];  // a theme card has none: its keys come with the lexicon
      if (entry) a.keys = [[entry.zh[0], 2], [entry.en[0], 2]].filter(function (k) { return k[0]; })
        .concat(entry.zh.slice(1).concat(entry.en.slice(1)).map(function (w) { return [w, 1]; }));
    });
  };

  // The reader's words, per entry of the lexicon's reader's vocabulary: those of the edition's script at first, those
  // of the other script (reader-other/N.json) with the queries written in it (wordsFor).
  Engine.prototype.learn = function (words) {
    var self = this, vocabulary = this.vocabulary, longest = 0;
    this.lexicon.reader.forEach(function (entry, i) {
      (words[i] || []).forEach(function (w) { entry.w.push(w); self.readerOf.set(w, entry); if (CJK.test(w)) vocabulary.add(w); });
    });
    vocabulary.forEach(function (w) { longest = Math.max(longest, w.length); });
    this.longest = longest;
    this.readerKeys = this.writtenForms = this.segmented = null;  // made from the words known until now
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
    if (this.lang === "zh") return this.mayHold(text) ? this.zhPhrase(text) : Promise.resolve(new Map());
    var stems = this.stems(text);
    if (!stems.length) return Promise.resolve(new Map());
    return this.enPhrase(stems, literal ? words(text) : null);
  };
  Engine.prototype.phraseLength = function (text) { return this.lang === "zh" ? text.length : this.stems(text).length; };

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

  var engines = {};
  // One engine per index, shared by every part of the page that searches.
  function engineFor(indexUrl, lang) {
    var url = new URL(indexUrl, location.href).href;
    if (!engines[url]) engines[url] = new Engine(url, lang);
    return engines[url];
  }

  window.PlanSearch = {
    Engine: Engine, engineFor: engineFor, fold: fold, shardOf: shardOf, normalize: normalize, clip: clip, CLASS: CLASS, MAX_QUERY: MAX_QUERY,
    _: { CJK: CJK, WORD: WORD, words: words, unique: unique, has: has }  // the other files'
  };
})();
