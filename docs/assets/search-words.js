// The site's search engine, looking words up in the vocabularies (see search-engine.js): English words by stem, the
// glossary terms a text names, a reader's word as written or in the singular, the plans' terms its entry leads to,
// and an English query cut into runs of such words. search-reading.js reads a query with them.
(function () {
  "use strict";
  var S = window.PlanSearch, Engine = S && S.Engine;
  if (!Engine || Engine.prototype.readerMatch) return;  // the core not loaded, or this file loaded already
  var CJK = S._.CJK, words = S._.words, has = S._.has;

  // Terms of the index as the edition shows them: the Traditional edition writes them in Traditional characters,
  // each Simplified character as the first Traditional one of the fold table that reads as it, unless the lexicon's
  // display.chars names another; display.words, the terms that convert otherwise as a whole (hooks/plansite/search/hant.py).
  Engine.prototype.display = function (term) {
    var written = this.shown.get(term) || term, forms = this.lexicon.display;
    if (!forms) return written;
    if (has(forms.words, written)) return forms.words[written];
    if (!this.toTraditional) {
      var map = this.toTraditional = new Map(), pairs = this.lexicon.hant.chars, i;
      for (i = 0; i + 1 < pairs.length; i += 2) if (!map.has(pairs[i + 1])) map.set(pairs[i + 1], pairs[i]);
      for (i = 0; i + 1 < forms.chars.length; i += 2) map.set(forms.chars[i], forms.chars[i + 1]);
    }
    return written.split("").map(function (c) { return this.toTraditional.get(c) || c; }, this).join("");
  };

  // English words are compared by stem (the index's stems.json, text.stem), fetched with the index on the English
  // edition and on the Chinese ones for the first query with English words in it, with the words of Latin letters the
  // Chinese text holds (latin.json, mayHold). The glossary's wordings of the other script (reader-other.json) come
  // with the first query written in it, and the reader's words of that script with each query that begins them: the
  // files of its Chinese characters (English edition) or of the first three letters of its words (Chinese editions),
  // as hooks/plansite/search/index.py splits them.
  Engine.prototype.wordsFor = function (text) {
    var lex = this.lexicon, self = this, jobs = [], learnt = this.otherLearnt = this.otherLearnt || new Set();
    var begins = this.lang === "en" ? text.split("").filter(function (c) { return CJK.test(c); })
      : /[a-z]/.test(text) ? words(text).map(function (w) { return w.slice(0, 3); }) : [];
    begins.forEach(function (b) {
      var n = S.shardOf(b, self.meta.otherFiles);
      if (learnt.has(n)) return;
      learnt.add(n);
      jobs.push(self.json("reader-other/" + n + ".json").then(function (part) {
        var found = [];
        Object.keys(part).forEach(function (entry) { found[entry] = part[entry]; });
        self.learn(found);
      }));
    });
    if (!lex.stems && /[a-z]/.test(text)) jobs.push(this.json("stems.json").then(function (stems) { lex.stems = stems; }));
    if (!this.latin && this.lang === "zh" && /[a-z]/.test(text)) {
      jobs.push(this.json("latin.json").then(function (list) {
        self.latin = { whole: new Set(list), begun: new Set() };
        list.forEach(function (w) { for (var n = 1; n <= w.length; n++) self.latin.begun.add(w.slice(0, n)); });
      }));
    }
    if (!this.otherWords && (this.lang === "zh" ? /[a-z]/ : CJK).test(text)) {
      jobs.push(this.json("reader-other.json").then(function (other) {
        if (self.otherWords) return;
        self.otherWords = true;
        var lang = self.lang === "zh" ? "en" : "zh";
        other.glossary.forEach(function (forms, i) {
          var folded = lex.glossary[i][lang] = self.wordings(forms);
          if (lang === "zh") folded.forEach(function (f) { self.vocabulary.add(f); });  // as prepare adds them
        });
        self.nameCards();
      }));
    }
    return Promise.all(jobs);
  };
  // Whether the Chinese text may hold a phrase, by its words of Latin letters: each a word the text holds, the last
  // one the beginning of one (typed so far). The text is matched by character pairs: an English question ("can I
  // complain to the ip office …") would otherwise fetch the file of nearly every letter, for nothing.
  Engine.prototype.mayHold = function (phrase) {
    var latin = this.latin, list = words(phrase).filter(function (w) { return /[a-z]/.test(w); });
    return !latin || list.every(function (w, i) { return i < list.length - 1 ? latin.whole.has(w) : latin.begun.has(w); });
  };
  // A British spelling in its American form, as the translation writes it (securitisation, analyse, centre, licence,
  // time-honoured, labelled); used only where the American form is a word of the index (four is not for).
  function american(word) {
    return word.replace(/is(e|ed|es|ing|er|ers|ation|ations)$/, "iz$1").replace(/ys(e|ed|es|ing)$/, "yz$1")
      .replace(/^(\w{3,})our(s|ed|ing|able|ite|ites)?$/, "$1or$2").replace(/tre(s)?$/, "ter$1")
      .replace(/([cf])ence(s)?$/, "$1ense$2").replace(/ogue(s)?$/, "og$1").replace(/amme(s)?$/, "am$1")
      .replace(/([ea])ll(ed|ing)$/, "$1l$2");
  }
  // Memoized: the glossary's and the names' wordings are stemmed again for every run of a query's words.
  Engine.prototype.stem = function (word) {
    var stems = this.lexicon.stems;
    if (!stems) return word;  // not fetched: no English word was searched (wordsFor)
    if (this.stemmedFrom !== stems) { this.stemmedFrom = stems; this.stemmed = new Map(); this.stemValues = null; }
    if (!this.stemmed.has(word)) this.stemmed.set(word, this.lookup(stems, word));
    return this.stemmed.get(word);
  };
  Engine.prototype.lookup = function (stems, word) {
    var us = american(word), forms = us === word ? [word] : [us, word];
    for (var f = 0; f < forms.length; f++) {
      var w = forms[f];
      // inflections of a word the index holds in another form (applies, examined, examining, stopped)
      var tries = [w, w.replace(/ies$/, "y"), w.replace(/es$/, ""), w.replace(/s$/, ""), w.replace(/ied$/, "y")]
        .concat(plainForms(w, "ing"), plainForms(w, "ed"));
      for (var i = 0; i < tries.length; i++) if (has(stems, tries[i])) return stems[tries[i]];
    }
    // a form the index does not hold, whose stem it does (examined: examin, as examination)
    var bare = us.replace(/(ing|ed|es|s|e)$/, "");
    return bare.length > 3 && this.stemSet().has(bare) ? bare : word;
  };
  // Every stem of the index, gathered only for a word it does not hold in the form typed.
  Engine.prototype.stemSet = function () {
    var stems = this.lexicon.stems;
    if (!this.stemValues) this.stemValues = new Set(Object.keys(stems).map(function (k) { return stems[k]; }));
    return this.stemValues;
  };
  // A word the index holds in no form (satisfied) stands for the stems that begin as it does (satisfaction:
  // satisfact), by the longest such beginning of at least KIN letters.
  var KIN = 6;
  Engine.prototype.kin = function (word) {
    if (!this.lexicon.stems || word.length < KIN) return [];
    var best = KIN, found = [];  // one pass: the stems sharing the longest beginning, short of the whole word
    this.stemSet().forEach(function (v) {
      var n = 0, most = Math.min(v.length, word.length - 1);
      while (n < most && v[n] === word[n]) n++;
      if (n > best) { best = n; found = []; }
      if (n === best) found.push(v);
    });
    return found;
  };
  // The plain forms of a word with an ending (-ing, -ed): without it, with an e, and with a doubled consonant undone
  // (raising: raise, stopped: stop); none when the word has no such ending.
  function plainForms(w, ending) {
    if (w.length <= ending.length || w.slice(-ending.length) !== ending) return [];
    var stem = w.slice(0, -ending.length);
    return [stem, stem + "e"].concat(/([b-df-hj-np-tv-z])\1$/.test(stem) ? [stem.slice(0, -1)] : []);
  }
  Engine.prototype.stems = function (text) { return words(text).map(this.stem, this); };
  // English compared by stems, "IP" left out ("overseas rights protection" names "overseas IP rights protection").
  Engine.prototype.key = function (text) { return this.stems(text).filter(function (s) { return s !== "ip"; }).join(" "); };

  // The glossary terms a text names in one language (English compared by stems); with `names`, themes and agencies too.
  Engine.prototype.termsNamed = function (text, lang, names) {
    var self = this, key = lang === "en" ? this.key(text) : null;
    if (lang === "en" && !key) return [];
    var pool = names ? this.lexicon.glossary.concat(this.lexicon.names) : this.lexicon.glossary;
    return pool.filter(function (term) {
      return term[lang].some(function (form) { return lang === "en" ? self.key(form) === key : form === text; });
    });
  };
  // A reader's word as typed or (English) in the singular. Words are not compared by stem, which would fold words of
  // another sense: a patent "granted" is not a "grant" of money, and "register my brand" is not "registered my brand"
  // (squatting); the vocabulary lists the forms readers type.
  function singular(text) {
    return words(text).map(function (w) {
      return w.replace(/ies$/, "y").replace(/(ss|x|ch|sh)es$/, "$1").replace(/([^s])s$/, "$1");
    }).join(" ");
  }
  // -> {entry, word}: the entry and its word as the vocabulary writes it ("bank loans": bank loan)
  Engine.prototype.readerMatch = function (text) {
    if (this.readerOf.has(text)) return { entry: this.readerOf.get(text), word: text };
    if (CJK.test(text)) return null;
    var self = this;
    if (!this.readerKeys) {
      this.readerKeys = new Map();
      this.readerOf.forEach(function (entry, w) {
        var key = CJK.test(w) ? null : singular(w);
        if (key && !self.readerKeys.has(key)) self.readerKeys.set(key, { entry: entry, word: w });
      });
    }
    var key = singular(text);
    if (!key) return null;
    var found = this.readerKeys.get(key) || this.officialTerm(text);
    if (!found) baseForms(text).some(function (form) { return (found = self.readerKeys.get(singular(form))); });
    // "IP" inside a phrase adds nothing on this site ("straightforward IP lawsuits", "equal IP protection")
    var bare = key.split(" ").filter(function (w) { return w !== "ip"; }).join(" ");
    if (!found && bare !== key && bare) found = this.readerKeys.get(bare) || this.officialTerm(bare);
    return found || null;
  };
  // A phrase with its words in -ing read in their plain form ("raising money": raise money), as a reader's word is
  // looked up when not found as typed; the other endings of a verb stay apart (see singular).
  function baseForms(text) {
    var forms = [""];
    words(text).forEach(function (w) {
      var plain = w.length > 5 ? plainForms(w, "ing") : [];
      var options = plain.length ? plain : [w];
      forms = [].concat.apply([], forms.map(function (f) { return options.map(function (o) { return f ? f + " " + o : o; }); }));
    });
    return forms.length > 1 ? forms.slice(0, 27) : [];
  }
  // The words by which a query asks which body is responsible (kind "who": 谁管, which office) or for a figure
  // ("figure": 多少件, what share), the lexicon's asks -> those found in it, English word by word with the plans' names
  // left out (which Guangzhou office: which office).
  Engine.prototype.asks = function (kind, text) {
    var asks = this.lexicon.asks[kind], self = this;
    if (CJK.test(text)) return asks.zh.filter(function (w) { return text.indexOf(w) >= 0; });
    var said = " " + words(text).filter(function (w) { return !self.planNamed.has(w); }).join(" ") + " ";
    return asks.en.filter(function (w) { return said.indexOf(" " + w + " ") >= 0; });
  };
  Engine.prototype.readerEntry = function (text) { var m = this.readerMatch(text); return m ? m.entry : null; };
  // The English phrase an entry of the reader's vocabulary leads to first (cross-border e-commerce, national standards),
  // typed on the English site: one concept, read with the entry's other terms, as a reader's word is -> {entry, word}.
  Engine.prototype.officialTerm = function (text) {
    if (this.lang !== "en" || CJK.test(text)) return null;
    var self = this;
    if (!this.officialKeys) {
      this.officialKeys = new Map();
      this.lexicon.reader.forEach(function (entry) {
        var first = singular(entry.to[0]);
        if (first.indexOf(" ") > 0 && !self.officialKeys.has(first)) self.officialKeys.set(first, { entry: entry, word: entry.to[0].toLowerCase(), official: true });
      });
    }
    return this.officialKeys.get(singular(text)) || null;
  };
  // An English wording of the glossary, the names or the reader's vocabulary, word for word, in the singular ("IP
  // firms": IP firm).
  Engine.prototype.writtenForm = function (text) {
    if (!this.writtenForms) {
      var forms = this.writtenForms = new Set(), lex = this.lexicon;
      lex.glossary.concat(lex.names).forEach(function (t) { t.en.forEach(function (f) { forms.add(singular(f)); }); });
      this.readerOf.forEach(function (entry, w) { forms.add(singular(w)); });
    }
    return this.writtenForms.has(singular(text));
  };
  // English: runs of words that name a glossary term, a reader's phrase (readerEntry: also the term an entry leads
  // to first) or a phrase a question leaves out ("in case": no court case). Of the ways to cut the query into such
  // runs, the one whose runs hold the most words that are not question words ("a good patent agent": patent agent,
  // not good patent); on a tie, the longest run first, from the left.
  Engine.prototype.englishSpans = function (text) {
    // words joined by "&" (R&D, M&A) are one run, never cut
    var list = [], joined = [];
    (S.fold(text).match(/[a-z0-9]+(?:&[a-z0-9]+)*/g) || []).forEach(function (unit) {
      unit.split("&").forEach(function (w, j, all) { list.push(w); joined.push(j < all.length - 1); });
    });
    var self = this, n = list.length, best = new Array(n + 1).fill(0), step = new Array(n + 1).fill(1);
    for (var i = n - 1; i >= 0; i--) {
      best[i] = -1;
      for (var k = n - i; k >= 1; k--) {
        if (joined[i + k - 1]) continue;
        var unit = k > 1 && joined.slice(i, i + k - 1).every(Boolean);
        var span = list.slice(i, i + k).join(" ");
        // the comparison leaves "IP" out: a run begins or ends with it only as written ("IP insurance", but "Hong Kong
        // IP firm": Hong Kong)
        if (k > 1 && (list[i] === "ip" || list[i + k - 1] === "ip") && !self.writtenForm(span)) continue;
        if (k > 1 && !unit && !(self.readerEntry(span) || self.planNamed.has(span) || self.termsNamed(span, "en").length || self.ignored.has(span))) continue;
        var held = (k > 1 ? list.slice(i, i + k).filter(function (w) { return !self.ignored.has(w); }).length : 0) + best[i + k];
        if (held > best[i]) { best[i] = held; step[i] = k; }
      }
    }
    var out = [];
    for (var at = 0; at < n; at += step[at]) out.push(list.slice(at, at + step[at]).join(" "));
    return out;
  };
})();
