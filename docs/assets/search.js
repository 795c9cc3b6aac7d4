// Site search: reads the index written by hooks/plansite/search_index.py (search-index/<lang>/) and ranks records
// that contain the whole query before those that share only part of it. Used by the box in every page's header
// (results as the reader types) and by the results page (/search/?q=…&plan=…&kind=…).
(function () {
  "use strict";

  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var WORD = /[a-z0-9]+/g;
  var MAX_QUERY = 64;
  var STOP = ("a an and are as at be by for from in into is it its of on or the to with").split(" ");

  // --- text: the same folding as search_index.fold ---------------------------------------------------------
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
  function shardOf(key, shards) {  // FNV-1a over UTF-16 code units, as search_index.shard_of
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % shards;
  }
  function words(text) { return fold(text).match(WORD) || []; }
  // A query as the reader meant it: folded, spaces collapsed, and no space between two Chinese characters.
  function normalize(query) {
    return fold(query).replace(/ +/g, " ").trim().replace(/([\u3400-\u9fff\uf900-\ufaff]) (?=[\u3400-\u9fff\uf900-\ufaff])/g, "$1");
  }
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

  // Union of position maps ({rec: [positions]}), positions sorted.
  function merge(maps) {
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

  // --- the index of one language ---------------------------------------------------------------------------
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
    var lex = this.lexicon, vocabulary = new Set(lex.vocabulary), longest = 0;
    lex.glossary.forEach(function (term) { term.zh.forEach(function (f) { vocabulary.add(f); }); });
    vocabulary.forEach(function (w) { longest = Math.max(longest, w.length); });
    this.vocabulary = vocabulary;
    this.longest = longest;
    // Traditional characters to the Simplified ones the index holds (search_index.py, hant.py): pairs of characters,
    // and two-character words folded as a whole.
    var chars = lex.hant.chars, pairs = lex.hant.words, toSimplified = new Map(), words = new Map();
    for (var i = 0; i + 1 < chars.length; i += 2) toSimplified.set(chars[i], chars[i + 1]);
    for (var j = 0; j + 3 < pairs.length; j += 4) words.set(pairs.substr(j, 2), pairs.substr(j + 2, 2));
    this.toSimplified = toSimplified;
    this.hantWords = words;
    var total = 0;
    this.meta.records.forEach(function (r) { total += r[3]; });
    this.averageLength = total / this.meta.records.length;
  };

  // A text in either script, in the Simplified characters of the index, character for character (so that offsets
  // found in the result are offsets in the text).
  Engine.prototype.simplified = function (text) {
    var out = "", map = this.toSimplified, words = this.hantWords;
    for (var i = 0; i < text.length; i++) {
      var word = words.size && i + 1 < text.length ? words.get(text.substr(i, 2)) : null;
      if (word) { out += word; i++; continue; }
      out += map.get(text[i]) || text[i];
    }
    return out;
  };
  // A term of the index as the edition shows it (the Traditional edition names its terms in Traditional characters).
  Engine.prototype.display = function (terms) {
    var shown = this.lexicon.display || {};
    return terms.split(" ").map(function (term) {
      return Object.prototype.hasOwnProperty.call(shown, term) ? shown[term] : term;
    }).join(" ");
  };

  Engine.prototype.stem = function (word) {
    var stems = this.lexicon.stems;
    if (Object.prototype.hasOwnProperty.call(stems, word)) return stems[word];
    var tries = [word.replace(/ies$/, "y"), word.replace(/es$/, ""), word.replace(/s$/, ""), word.replace(/ing$/, ""), word.replace(/ed$/, "")];
    for (var i = 0; i < tries.length; i++) if (Object.prototype.hasOwnProperty.call(stems, tries[i])) return stems[tries[i]];
    return word;
  };
  Engine.prototype.stems = function (text) { return words(text).map(this.stem, this); };

  // Chinese: positions where the whole phrase starts, per record, from the bigrams at every other offset.
  Engine.prototype.bigrams = function (key) {
    var self = this;
    if (this.postings.has(key)) return Promise.resolve(this.postings.get(key));
    return this.json("shards/" + shardOf(key[0], this.meta.shards) + ".json").then(function (shard) {
      var found;
      if (key.length === 1) {  // every bigram that starts with the character
        found = merge(Object.keys(shard).filter(function (k) { return k[0] === key; }).map(function (k) { return decode(shard[k]); }));
      } else {
        found = decode(shard[key]);
      }
      self.postings.set(key, found);
      return found;
    });
  };

  Engine.prototype.zhPhrase = function (phrase) {
    if (phrase.length < 2) return this.bigrams(phrase);
    var offsets = [];
    for (var k = 0; k + 2 <= phrase.length; k += 2) offsets.push(k);
    if (offsets[offsets.length - 1] !== phrase.length - 2) offsets.push(phrase.length - 2);
    return Promise.all(offsets.map(function (k) { return this.bigrams(phrase.substr(k, 2)); }, this)).then(function (lists) {
      return align(lists, offsets);
    });
  };

  // English: consecutive word positions; with `surfaces`, only those exact words (the literal phrase).
  Engine.prototype.stemEntry = function (stem) {
    var key = "s:" + stem;
    if (this.postings.has(key)) return Promise.resolve(this.postings.get(key));
    var self = this;
    return this.json("shards/" + shardOf(stem, this.meta.shards) + ".json").then(function (shard) {
      var entry = shard[stem] || {}, decoded = {};
      Object.keys(entry).forEach(function (surface) { decoded[surface] = decode(entry[surface]); });
      self.postings.set(key, decoded);
      return decoded;
    });
  };

  Engine.prototype.enPhrase = function (stems, surfaces) {
    return Promise.all(stems.map(this.stemEntry, this)).then(function (entries) {
      var lists = entries.map(function (entry, i) {
        return merge(Object.keys(entry).filter(function (surface) { return !surfaces || surface === surfaces[i]; })
          .map(function (surface) { return entry[surface]; }));
      });
      return align(lists, lists.map(function (_, i) { return i; }));
    });
  };

  // A phrase in the index's own language: Chinese as characters, English as words (stems, or exact words).
  Engine.prototype.phrase = function (text, literal) {
    if (this.lang === "zh") return this.zhPhrase(text);
    var stems = this.stems(text);
    if (!stems.length) return Promise.resolve(new Map());
    return this.enPhrase(stems, literal ? words(text) : null);
  };

  // Chinese segmentation: the site's vocabulary first (longest match), the browser's word segmenter for the rest.
  Engine.prototype.segment = function (text) {
    var out = [], rest = "", self = this;
    function flush() {
      if (!rest) return;
      if (typeof Intl !== "undefined" && Intl.Segmenter) {
        Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(rest)).forEach(function (s) {
          if (s.isWordLike) out.push(s.segment);
        });
      } else {
        out.push(rest);
      }
      rest = "";
    }
    for (var i = 0; i < text.length;) {
      var match = "";
      for (var n = Math.min(this.longest, text.length - i); n >= 2; n--) {
        if (self.vocabulary.has(text.substr(i, n))) { match = text.substr(i, n); break; }
      }
      if (match) { flush(); out.push(match); i += match.length; } else if (text[i] === " ") { flush(); i++; } else { rest += text[i]; i++; }
    }
    flush();
    return out;
  };

  // English compared by stems, "IP" left out ("overseas rights protection" names "overseas IP rights protection").
  Engine.prototype.key = function (text) {
    return this.stems(text).filter(function (s) { return s !== "ip"; }).join(" ");
  };

  // The glossary terms a text names in one language: whole (zh forms, or English forms compared by stems).
  // With `names`, also the themes and agencies (for a query typed in the other language).
  Engine.prototype.termsNamed = function (text, lang, names) {
    var self = this, key = lang === "en" ? this.key(text) : null;
    if (lang === "en" && !key) return [];
    var pool = names ? this.lexicon.glossary.concat(this.lexicon.names) : this.lexicon.glossary;
    return pool.filter(function (term) {
      return term[lang].some(function (form) { return lang === "en" ? self.key(form) === key : form === text; });
    });
  };

  // Answer cards the query names, strongest first (see search_index.Lexicon._theme_keys), then theme, glossary, agency.
  Engine.prototype.answersFor = function (text) {
    var self = this, key = CJK.test(text) ? null : this.key(text), order = ["theme", "glossary", "agency"];
    var found = [];
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

  // --- ranking ---------------------------------------------------------------------------------------------
  var EXACT = 0, SYNONYM = 2, PARTIAL = 3;
  var LITERAL_BONUS = 0.5;  // English: the words as typed rank above other forms of them
  // Glossary entries explain words; the plans' own items come first unless the entry is the answer card.
  var KIND_PRIOR = { task: 0.3, box: 0.3, indicator: 0.2, theme: 0.3, glossary: -2.5, agency: 0.2, section: 0 };

  // length: of the phrase matched, in the index's positions (characters, or English words).
  Engine.prototype.score = function (rec, hits, length) {
    var info = this.meta.records[rec], titleHit = hits[0] < info[2];
    // The title is the phrase itself (a glossary term, a theme, a task named so): the record is about nothing else.
    var wholeTitle = hits[0] === 0 && (length === (this.lang === "zh" ? info[2] - 1 : info[2]) || length === info[4]);
    var tf = hits.length, norm = 0.5 + 0.5 * info[3] / this.averageLength;
    return (wholeTitle ? 3 : 0) + (titleHit ? 2 : 0) + tf / (tf + 1.2 * norm) + KIND_PRIOR[this.meta.kinds[info[1]]];
  };

  Engine.prototype.phraseLength = function (text) {
    return this.lang === "zh" ? text.length : this.stems(text).length;
  };

  // query -> {status, shown, mapped, answers, results: [{rec, cls, score, phrases}]}
  Engine.prototype.search = function (query) {
    var self = this;
    return this.ready.then(function () {
      var raw = String(query || ""), long = raw.length > MAX_QUERY;
      var text = normalize(raw.slice(0, MAX_QUERY));
      if (!text) return { status: raw.trim() ? "punctuation" : "empty", text: text, results: [], answers: [] };
      if (!/[0-9a-z\u3400-\u9fff\uf900-\ufaff]/.test(text)) return { status: "punctuation", text: text, results: [], answers: [] };
      var key = self.simplified(text);
      return self.run(key).then(function (found) {
        found.status = long ? "shortened" : "ok";
        found.text = text;  // as the reader typed it, for the messages
        if (found.mapped) found.mapped = { from: found.mapped.from === key ? text : found.mapped.from, to: self.display(found.mapped.to) };
        return found;
      });
    });
  };

  Engine.prototype.run = function (text) {
    var self = this, home = this.lang, cjk = CJK.test(text);
    var queryLang = cjk ? "zh" : "en";
    var groups = [];  // [{cls, phrases: [{text, literal}]}] in order of class
    var partial = [];  // [[alternatives of one segment], …]
    var mapped = null;

    if (queryLang === home) {
      groups.push({ cls: EXACT, phrases: [{ text: text, literal: true }] });
      var segments = home === "zh" ? this.segment(text) : null;
      var variants = this.variants(text, segments);
      if (home === "en") {
        // English: other forms of the same words, and the glossary's accepted forms of the term the query names,
        // are the query itself (plural, hyphenation, SME/SMEs); the words as typed rank first by LITERAL_BONUS.
        var own = [];
        this.termsNamed(text, "en").forEach(function (t) { own = own.concat(t.en); });
        groups.push({ cls: EXACT, phrases: [{ text: text, literal: false }].concat(own.map(function (f) { return { text: f }; })) });
        variants = variants.filter(function (v) { return own.indexOf(v) < 0; });
      }
      groups.push({ cls: SYNONYM, phrases: variants.map(function (v) { return { text: v }; }) });
      if (home === "zh") {
        partial = segments.filter(function (s) { return s.length > 1; }).map(function (s) {
          var terms = self.termsNamed(s, "zh");
          return terms.length ? terms[0].zh : [s];
        });
      } else {
        // Runs of words that name a glossary term stand for all its accepted forms (SME: small and medium-sized …).
        partial = this.englishSpans(text).filter(function (span) { return STOP.indexOf(span) < 0; }).map(function (span) {
          var terms = self.termsNamed(span, "en");
          return terms.length ? [span].concat(terms[0].en) : [span];
        });
      }
      // One term that is the whole query adds nothing; one that is part of it (质押融资 in 质押融资的) does.
      if (partial.length === 1 && partial[0].indexOf(text) >= 0) partial = [];
    } else {
      // Typed in the other language: literal matches first (e.g. "PCT" in Chinese text), then through the glossary.
      groups.push({ cls: EXACT, phrases: [{ text: text, literal: true }] });
      var terms = this.termsNamed(text, queryLang, true);
      if (terms.length) {
        var forms = [];
        terms.forEach(function (t) { t[home].forEach(function (f) { if (forms.indexOf(f) < 0) forms.push(f); }); });
        if (home === "zh") forms = terms.map(function (t) { return t.zh[0]; });  // the term itself, not its aliases
        mapped = { from: text, to: forms[0] };
        groups.push({ cls: SYNONYM, phrases: forms.map(function (f) { return { text: f }; }) });
      } else {
        var pieces = cjk ? this.segment(text) : this.englishSpans(text);
        pieces.forEach(function (piece) {
          var named = self.termsNamed(piece, queryLang, true);
          if (named.length) partial.push(named[0][home]);
        });
        if (partial.length) mapped = { from: text, to: partial.map(function (alts) { return alts[0]; }).join(" ") };
      }
    }

    var answers = this.answersFor(text);
    return this.collect(groups, partial).then(function (results) {
      return { results: results, answers: answers, mapped: mapped };
    });
  };

  // Other wordings of the query from the glossary: the whole query, or one term in it, replaced by its synonyms.
  Engine.prototype.variants = function (text, segments) {
    var out = [], lang = this.lang, self = this;
    this.termsNamed(text, lang).forEach(function (t) { t[lang].forEach(function (f) { if (f !== text) out.push(f); }); });
    if (lang === "zh") {
      (segments || []).forEach(function (s) {
        if (s === text || s.length < 2) return;
        self.termsNamed(s, "zh").forEach(function (t) {
          t.zh.forEach(function (f) { if (f !== s) out.push(text.split(s).join(f)); });
        });
      });
    } else {
      this.englishSpans(text).forEach(function (span) {
        if (span === text) return;
        self.termsNamed(span, "en").forEach(function (t) {
          t.en.forEach(function (f) { if (self.key(f) !== self.key(span)) out.push(text.replace(span, f)); });
        });
      });
    }
    return out.filter(function (v, i) { return out.indexOf(v) === i && v !== text; }).slice(0, 24);
  };

  // Runs of words in an English query that name a glossary term (longest first, left to right).
  Engine.prototype.englishSpans = function (text) {
    var list = words(text), out = [], self = this;
    for (var i = 0; i < list.length;) {
      var found = 0;
      for (var n = list.length - i; n >= 1; n--) {
        if (self.termsNamed(list.slice(i, i + n).join(" "), "en").length) { found = n; break; }
      }
      if (found) { out.push(list.slice(i, i + found).join(" ")); i += found; } else { out.push(list[i]); i++; }
    }
    return out;
  };

  Engine.prototype.collect = function (groups, partial) {
    var self = this, best = new Map();
    var exactJobs = [];
    groups.forEach(function (group) {
      group.phrases.forEach(function (p) {
        exactJobs.push(self.phrase(p.text, p.literal).then(function (hits) { return { group: group, phrase: p.text, literal: p.literal, hits: hits }; }));
      });
    });
    var partialJobs = partial.map(function (alts, index) {
      return Promise.all(alts.map(function (a) { return self.phrase(a, false).then(function (hits) { return { alt: a, hits: hits }; }); }))
        .then(function (found) { return { index: index, found: found }; });
    });
    return Promise.all([Promise.all(exactJobs), Promise.all(partialJobs)]).then(function (parts) {
      parts[0].forEach(function (job) {
        job.hits.forEach(function (hits, rec) {
          var score = self.score(rec, hits, self.phraseLength(job.phrase)) + (job.literal && self.lang === "en" ? LITERAL_BONUS : 0), old = best.get(rec);
          if (!old || job.group.cls < old.cls || (job.group.cls === old.cls && score > old.score)) {
            best.set(rec, { rec: rec, cls: job.group.cls, score: score, phrases: [job.phrase] });
          }
        });
      });
      // Partial: records holding some of the query's terms (never single characters), rarer terms weighing more.
      var total = self.meta.records.length, partialRecs = new Map();
      parts[1].forEach(function (seg) {
        var recs = new Map();
        seg.found.forEach(function (f) { f.hits.forEach(function (hits, rec) { if (!recs.has(rec)) recs.set(rec, { hits: hits, alt: f.alt }); }); });
        var idf = Math.log(1 + total / (1 + recs.size));
        recs.forEach(function (v, rec) {
          if (best.has(rec)) return;
          var entry = partialRecs.get(rec) || { rec: rec, cls: PARTIAL, score: 0, terms: 0, phrases: [] };
          entry.terms += 1;
          entry.score += idf * (1 + self.score(rec, v.hits, self.phraseLength(v.alt)) / 4);
          entry.phrases.push(v.alt);
          partialRecs.set(rec, entry);
        });
      });
      var results = Array.from(best.values()).concat(Array.from(partialRecs.values()));
      results.sort(function (a, b) {
        return a.cls - b.cls || (b.terms || 0) - (a.terms || 0) || b.score - a.score || a.rec - b.rec;
      });
      return results;
    });
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
          var ok = want.every(function (s, k) { return list[i + k].stem === s; });
          if (ok) span = [list[i].start, list[i + want.length - 1].end];
        }
      }
      if (span && (!best || span[0] < best[0])) best = span;
    });
    return best;
  };

  // --- rendering helpers (text only ever goes in as text) ------------------------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
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

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] == null ? "" : values[k]; });
  }

  var engines = {};
  function engineFor(form) {
    var url = new URL(form.dataset.index, location.href).href;
    if (!engines[url]) engines[url] = new Engine(url, form.dataset.lang);
    return engines[url];
  }

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
        var top = found.results.filter(function (r) { return r.cls < PARTIAL && !(card && r.rec === card.rec); });
        if (!top.length) top = found.results.filter(function (r) { return !(card && r.rec === card.rec); });
        top = top.slice(0, 6);
        return Promise.all(top.map(function (r) { return engine.record(r.rec); })).then(function (docs) {
          if (mine !== ticket) return;
          list.textContent = "";
          var n = 0;
          if (found.answers.length) {
            var a = found.answers[0];
            list.appendChild(option(n++, root + a.url, a.title, words["kind_" + a.kind]));
          }
          docs.forEach(function (doc, i) {
            list.appendChild(option(n++, root + doc.url, doc.title, heading(engine, top[i].rec, doc, words)));
          });
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
    var engine = engineFor(page);
    var ticket = 0, state = null;

    function params() {
      var p = new URLSearchParams(location.search);
      return { q: p.get("q") || "", plan: p.get("plan") || "", kind: p.get("kind") || "" };
    }
    function address(next) {
      var p = new URLSearchParams();
      if (next.q) p.set("q", next.q);
      if (next.plan) p.set("plan", next.plan);
      if (next.kind) p.set("kind", next.kind);
      var s = p.toString();
      return location.pathname + (s ? "?" + s : "");
    }

    function renderFilters(found, current, withPartial) {
      filters.textContent = "";
      var pool = found.results.filter(function (r) { return withPartial || r.cls < PARTIAL || !found.hasExact; });
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
    }

    // The page the query names comes first, as a card; it is the first result and is not listed again below.
    function renderAnswer(found, current) {
      answer.textContent = "";
      answer.hidden = !found.answers.length || current.plan !== "" || current.kind !== "";
      if (answer.hidden) return;
      var a = found.answers[0];
      // Only the title link is inside the result element: the card's other links are ways on, not results.
      var result = el("div", { "data-search-result": "" });
      result.appendChild(el("p", { "class": "search-answer-kind" }, words["kind_" + a.kind]));
      var h = el("h2", {});
      h.appendChild(el("a", { href: root + a.url }, a.title));
      result.appendChild(h);
      if (a.text) result.appendChild(el("p", {}, a.text));
      var counts = a.counts.map(function (n, i) { return n ? engine.meta.plans[i] + " " + n : ""; }).filter(Boolean);
      if (counts.length) result.appendChild(el("p", { "class": "search-answer-counts" }, format(words.answer_counts, { counts: counts.join(" · ") })));
      answer.appendChild(result);
      var links = el("p", { "class": "search-answer-links" });
      links.appendChild(el("a", { href: root + a.url }, words["open_" + a.kind]));
      if (a.finder) { links.appendChild(document.createTextNode(" · ")); links.appendChild(el("a", { href: root + a.finder }, words.open_finder)); }
      found.answers.slice(1, 3).forEach(function (other) {
        links.appendChild(document.createTextNode(" · "));
        links.appendChild(el("a", { href: root + other.url }, words["kind_" + other.kind] + ": " + other.title));
      });
      answer.appendChild(links);
    }

    function visible(found, current) {
      var card = answer.hidden ? null : found.answers[0];
      return found.results.filter(function (r) {
        if (card && r.rec === card.rec) return false;
        if (r.cls === PARTIAL && found.hasExact && !current.partial) return false;
        if (current.plan !== "" && String(engine.planOf(r.rec)) !== current.plan) return false;
        if (current.kind && engine.kindGroup(r.rec) !== current.kind) return false;
        return true;
      });
    }

    function showFrom(mine, rows, from, count) {
      count = count || 10;
      var slice = rows.slice(from, from + count);
      return Promise.all(slice.map(function (r) { return engine.record(r.rec); })).then(function (docs) {
        if (mine !== ticket) return;
        docs.forEach(function (doc, i) {
          var r = slice[i];
          var li = el("li", { "data-search-result": "", "class": r.cls === PARTIAL ? "search-result search-result-partial" : "search-result" });
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
        more.onclick = function () { page.dataset.state = "busy"; showFrom(mine, rows, from + count); };
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
      answer.hidden = true;
      filters.hidden = true;
      if (!current.q.trim()) { status.textContent = words.empty; page.dataset.state = "done"; return; }
      status.textContent = words.loading;
      engine.search(current.q).then(function (found) {
        if (mine !== ticket) return;
        if (found.status === "empty" || found.status === "punctuation") { status.textContent = words[found.status]; page.dataset.state = "done"; return; }
        found.hasExact = found.results.some(function (r) { return r.cls < PARTIAL; });
        state = found;
        var notes = [];
        if (found.status === "shortened") notes.push(format(words.shortened, { n: MAX_QUERY }));
        if (found.mapped) notes.push(format(words.mapped, { from: found.mapped.from, to: found.mapped.to }));
        if (notes.length) { note.textContent = notes.join(" "); note.hidden = false; }
        current.partial = false;
        renderAnswer(found, current);
        renderFilters(found, current, false);
        var rows = visible(found, current);
        var exact = found.results.filter(function (r) { return r.cls < PARTIAL; }).length;
        var partial = found.results.length - exact;
        var shownQuery = found.mapped ? found.mapped.to : found.text;
        if (!found.results.length) status.textContent = format(words.none, { q: found.text });
        else if (!exact) status.textContent = format(words.only_partial, { q: shownQuery, n: partial });
        else status.textContent = format(words.count, { q: shownQuery, n: exact });
        if (exact && partial) {
          partialButton.hidden = false;
          partialButton.textContent = format(words.show_partial, { n: partial });
          partialButton.onclick = function () {
            // Everything shown so far stays; the partial matches follow the whole ones, ten at a time.
            partialButton.hidden = true;
            page.dataset.state = "busy";
            current.partial = true;
            var shown = list.children.length;
            list.textContent = "";
            showFrom(mine, visible(found, current), 0, shown + 10);
          };
        }
        return showFrom(mine, rows, 0);
      }).catch(function () {
        if (mine === ticket) { status.textContent = words.failed; page.dataset.state = "done"; }
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      history.pushState(null, "", address({ q: input.value, plan: "", kind: "" }));
      run();
    });
    filters.addEventListener("change", function (event) {
      var current = params();
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
  window.PlanSearch = { Engine: Engine, fold: fold, shardOf: shardOf, normalize: normalize };
})();
