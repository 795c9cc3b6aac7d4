// The site's search engine, ranking (see search-engine.js): whole-query matches, then BM25 over the concepts, and
// the answer card of a query of several concepts.
(function () {
  "use strict";
  var S = window.PlanSearch, Engine = S && S.Engine;
  if (!Engine || Engine.prototype.collect) return;  // the core not loaded, or this file loaded already
  var CJK = S._.CJK, WORD = S._.WORD, CLASS = S.CLASS, fold = S.fold;
  var K1 = 1.2, B = 0.75, TITLE_WEIGHT = 3;
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
  var EVERYWHERE = 0.3;  // a word in more than this share of the records (知识产权, IP): search-asks.js leaves it out
  var LITERAL_BONUS = 0.5;  // English: the words as typed rank above other forms of them

  // A whole-query match's score: the title is the phrase itself, the phrase in the title, how often for the length.
  Engine.prototype.score = function (rec, hits, length) {
    var info = this.meta.records[rec], titleHit = hits[0] < info[2];
    var wholeTitle = hits[0] === 0 && (length === (this.lang === "zh" ? info[2] - 1 : info[2]) || length === info[4]);
    var tf = hits.length, norm = 0.5 + 0.5 * info[3] / this.averageLength;
    return (wholeTitle ? 3 : 0) + (titleHit ? 2 : 0) + tf / (tf + 1.2 * norm) + KIND_PRIOR[this.meta.kinds[info[1]]];
  };

  Engine.prototype.idf = function (df) {
    var total = this.meta.records.length;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
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
    if (c.plan != null) return Promise.resolve([{ alt: { text: "", weight: 1, core: true }, hits: this.planRecords(c.plan) }]);
    return Promise.all(c.alts.map(function (a) { return self.phrase(a.text, false).then(function (hits) { return { alt: a, hits: hits }; }); }))
      .then(function (found) {
        if (found.some(function (f) { return f.hits.size; })) return found;
        if (self.lang === "en" && /^[a-z]+$/.test(c.typed)) return self.kinHits(c, found);
        if (!CJK.test(c.typed) || c.typed.length < 3) return found;
        var parts = [];
        for (var n = c.typed.length - 1; n >= 2; n--) for (var i = 0; i + n <= c.typed.length; i++) parts.push(c.typed.substr(i, n));
        return parts.reduce(function (prev, part) {
          return prev.then(function (done) {
            if (done.some(function (f) { return f.hits.size; })) return done;
            return self.phrase(part, false).then(function (hits) { return [{ alt: { text: part, weight: 0.8, core: true, closest: true }, hits: hits }]; });
          });
        }, Promise.resolve(found));
      });
  };

  // An English word found nowhere stands for the words of the index that begin as it does (search-words.js), each
  // named by the form the plans use most: the count then says what the results hold (satisfaction, not satisfied).
  Engine.prototype.kinHits = function (c, found) {
    var self = this, kin = this.kin(c.typed);
    if (!kin.length) return Promise.resolve(found);
    return Promise.all(kin.map(function (stem) {
      return Promise.all([self.stemEntry(stem), self.enPhrase([stem], null)]).then(function (parts) {
        var entry = parts[0], surfaces = Object.keys(entry).sort(function (a, b) { return entry[b].size - entry[a].size; });
        return surfaces.length ? { alt: { text: surfaces[0], weight: 0.8, core: true, closest: true }, hits: parts[1] } : null;
      });
    })).then(function (kinFound) {
      kinFound = kinFound.filter(Boolean);  // a stem of the site's vocabulary that no record holds
      if (!kinFound.length) return found;
      c.alts = kinFound.map(function (f) { return f.alt; });
      return kinFound;
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
      var byRec = new Map(), counted = 0, countedKnown = 0, agencies = [];
      parts[1].forEach(function (found, k) {
        var recs = new Map();
        found.forEach(function (f) {
          var length = f.alt.text ? self.phraseLength(f.alt.text) : -1;
          // a wording rarer than its concept as a whole weighs as rare as it is ("livestreams": short video, not
          // copyright) in the records that hold it
          var wordingIdf = f.hits.size ? f.alt.weight * self.idf(f.hits.size) : 0;
          f.hits.forEach(function (hits, rec) {
            var info = self.meta.records[rec], entry = recs.get(rec) || { tf: 0, phrases: [], named: false, core: false, closest: false, idf: 0 };
            entry.idf = Math.max(entry.idf, wordingIdf);
            if (f.alt.core) entry.core = true;
            if (hits[0] < info[2]) entry.titled = true;
            if (f.alt.closest) entry.closest = true;
            hits.forEach(function (p) { entry.tf += f.alt.weight * (p < info[2] ? TITLE_WEIGHT : 1); });
            // the record is the entry of this very wording (a glossary term, a theme)
            if (hits[0] === 0 && (length === (self.lang === "zh" ? info[2] - 1 : info[2]) || length === info[4])) entry.named = true;
            if (f.alt.text) entry.phrases.push(f.alt.text);
            recs.set(rec, entry);
          });
        });
        concepts[k].df = recs.size;
        concepts[k].everywhere = recs.size > EVERYWHERE * total;
        if (!recs.size) return;
        var filters = (recs.size <= COMMON * total || concepts[k].plan != null || concepts[k].mapped);
        concepts[k].common = !filters;
        if (filters) counted++;
        if (filters && concepts[k].known) countedKnown++;
        var idf = self.idf(recs.size);
        recs.forEach(function (v, rec) {
          var r = byRec.get(rec) || { rec: rec, held: 0, known: 0, closest: 0, score: 0, phrases: [] };
          var info = self.meta.records[rec], kind = self.meta.kinds[info[1]];
          if (kind === "agency") agencies.push({ rec: rec, concept: concepts[k], titled: !!v.titled });
          // A section with running text whose title holds a term a reader's word led to (any of them: each plan names
          // its background in its own words, 成效基础, 发展现状 …) is about that term (collect's tiers, below).
          var about = filters && v.titled && concepts[k].mapped && kind === "section" && info[3] > info[2];
          if (about) r.about = true;
          if (filters && (v.core || about)) r.held += 1;
          if (concepts[k].plan == null && !concepts[k].everywhere) r.any = (r.any || 0) + 1;  // search-asks.js
          if (filters && v.closest) r.closest += 1;
          if (filters && (v.core || about) && concepts[k].known) r.known += 1;
          r.score += self.bm25(rec, v.tf, Math.max(idf, v.idf)) * ENTRY_WEIGHT[kind] + (v.named ? TERM_BONUS : 0);
          if (v.named) r.named = true;
          r.phrases = r.phrases.concat(v.phrases);
          byRec.set(rec, r);
        });
      });
      // A query of several concepts whose whole phrase stands only in passing (in no title, in few records): a
      // record holding the phrase is one holding every concept, ranked with them (the phrase adds its own score),
      // so that a background section that holds the phrase once does not bury the items about it.
      var exact = 0, phrased = new Set();
      if (concepts.length > 1 && !strong) {
        best.forEach(function (w, rec) {
          if (w.cls === CLASS.EXACT) exact++;
          phrased.add(rec);
          var r = byRec.get(rec) || { rec: rec, held: counted, score: 0, phrases: [] };
          byRec.set(rec, { rec: rec, held: counted, known: countedKnown, closest: counted, score: r.score + w.score, phrases: w.phrases.concat(r.phrases) });
        });
        best = new Map();
      }
      // Records holding more of the concepts rank first; among them, the words of the site's and the reader's
      // vocabularies count before words only the browser's segmenter found (settle, 办法): a record holding every
      // known concept ranks above one holding an unknown word and not all of them.
      var other = counted - countedKnown, tiers = (countedKnown + 1) * (other + 1);
      // Unless no item holds them all: then a section holding the phrase is the best there is ("Baijiao sea bass",
      // named in one section's running text, where two items hold only "sea"). Looked for only when some record holds it.
      var itemHoldsAll = phrased.size > 0 && Array.from(byRec.values()).some(function (r) {
        return r.held === counted && self.meta.kinds[self.meta.records[r.rec][1]] !== "section";
      });
      byRec.forEach(function (r, rec) {
        if (best.has(rec) || (!r.held && counted)) return;
        var kind = self.meta.kinds[self.meta.records[rec][1]];
        // The running text of a section (background, goals) holds almost every word in passing: it ranks after the
        // items that hold any of the concepts, and holding them all does not make it a full match. Unless its title
        // holds a term that a reader's word led to (十三五期间: 成效基础; 钱从哪来: 加强资金保障): it is about that.
        var passing = kind === "section" && counted > 0 && !r.about && (itemHoldsAll || !phrased.has(rec));
        var tier = (countedKnown - r.known) * (other + 1) + (other - (r.held - r.known));
        best.set(rec, { rec: rec, cls: CLASS.CONCEPTS + tier + (passing ? tiers : 0), score: r.score + KIND_PRIOR[kind],
                        phrases: r.phrases, held: r.held, closest: r.closest, passing: passing, named: !!r.named, any: r.any || 0 });
      });
      var results = Array.from(best.values());
      // Within a tier, records holding more concepts by their closest wording (business data: data intellectual
      // property, not only data) come first.
      results.sort(function (a, b) { return a.cls - b.cls || (b.closest || 0) - (a.closest || 0) || b.score - a.score || a.rec - b.rec; });
      results.concepts = counted;
      results.exact = exact;
      results.agencies = agencies;
      return results;
    });
  };

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

  // A query of several concepts names a theme when one of them does (by the theme's wordings, or a reader's word
  // about it). Of those themes, the answer card is the one whose items rank first (申请专利政府有补贴吗: creation
  // incentives, not protection centres), for its size (a broad theme such as enforcement holds some of the first items
  // of any query about infringement: what counts is how many more than its size would bring by chance), named by the
  // rarer concept (老字号招牌被人冒用: brands rather than enforcement).
  var CARD_FROM = 10;  // the first items ranked that choose among the themes
  Engine.prototype.conceptAnswer = function (concepts, results) {
    var self = this, top = results.filter(function (r) { return self.kindGroup(r.rec) !== "other"; }).slice(0, CARD_FROM);
    var best = null;
    concepts.forEach(function (c) {
      if (!c.df) return;
      var named = [c.typed].concat(c.alts.map(function (a) { return a.text; })).map(self.answersFor, self);
      var themes = [].concat.apply([], named).filter(function (a) { return a.kind === "theme"; });
      if (c.entry && c.entry.t) themes = c.entry.t.map(function (t) { return self.themeAnswers.get(t); }).concat(themes);
      themes.forEach(function (theme) {
        var held = 0;  // the theme's items among the first ranked: the first counts 1, the second 1/2, the third 1/3 …
        top.forEach(function (r, rank) { if (theme.members.indexOf(r.rec) >= 0) held += 1 / (rank + 1); });
        var score = held * self.idf(c.df) / theme.members.length;
        if (!best || score > best.score || (score === best.score && c.df < best.df)) best = { df: c.df, score: score, answer: theme };
      });
    });
    return best ? [best.answer] : [];
  };
})();
