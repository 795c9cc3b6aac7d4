// The site's search engine, what a question asks for (see search-engine.js): which body is responsible (an agency
// card), a figure (the indicators first) and what a word means (its glossary entry first), by the words of the reader's
// vocabulary's asks_who, asks_figure and asks_define
// (search-words.js finds them; search-reading.js calls these after ranking).
(function () {
  "use strict";
  var S = window.PlanSearch, Engine = S && S.Engine;
  if (!Engine || Engine.prototype.agencyAnswer) return;  // the core not loaded, or this file loaded already
  var CJK = S._.CJK, CLASS = S.CLASS;
  var NAMED = 3;  // a concept in an agency's name counts three times one in the titles of its tasks

  // The plans a query names -> a test of a plan's index, passing any plan when it names none (`named`: it names one).
  function planTest(concepts) {
    var plans = concepts.filter(function (c) { return c.plan != null; }).map(function (c) { return c.plan; });
    var test = function (plan) { return !plans.length || plans.indexOf(plan) >= 0; };
    test.named = plans.length > 0;
    return test;
  }
  // A concept the words asking who are made of (which office: office; 哪个部门).
  function asking(asked, c) {
    var typed = CJK.test(c.typed) ? c.typed : " " + c.typed + " ";
    return asked.some(function (w) { w = CJK.test(w) ? w : " " + w + " "; return w.indexOf(typed) >= 0 || typed.indexOf(w) >= 0; });
  }
  // Those words say nothing of the subject: left out of the concepts, unless nothing but a plan's name is left.
  Engine.prototype.subject = function (asked, concepts) {
    var rest = concepts.filter(function (c) { return !asking(asked, c); });
    return rest.some(function (c) { return c.plan == null; }) ? rest : concepts;
  };
  // A query asking which body is responsible (asks "who") is answered by an agency of the plan it names (of any plan when
  // it names none): the one whose name, or else whose tasks' titles, hold the rarest of the query's other concepts;
  // when none holds any, the agency that leads most of that plan's tasks. The asking words (哪个部门 leads to
  // 知识产权局) and words found nearly everywhere (知识产权, IP) say nothing of which. Only Guangzhou's plan names
  // agencies, so a query naming no plan takes one only by its name: the titles of its tasks hold the subject of nearly
  // any question ("sell my patent, who can help" had Guangzhou's market regulator, not the theme of transactions).
  Engine.prototype.agencyAnswer = function (asked, concepts, results) {
    var self = this, inPlan = planTest(concepts);
    var fits = this.lexicon.answers.filter(function (a) { return a.kind === "agency" && inPlan(a.plan); });
    var score = new Map();
    results.agencies.forEach(function (h) {
      var c = h.concept;
      if (c.everywhere || asking(asked, c) || (!inPlan.named && !h.titled)) return;
      score.set(h.rec, (score.get(h.rec) || 0) + self.idf(c.df) * (h.titled ? NAMED : 1));
    });
    var held = fits.filter(function (a) { return score.get(a.rec); });
    held.sort(function (a, b) { return score.get(b.rec) - score.get(a.rec); });  // stable: the agencies' order on a tie
    return held[0] || (inPlan.named && fits.filter(function (a) { return a.lead; })[0]) || null;
  };

  // What a question asks for: who is responsible (`who`, the words asking it), an agency card first; a figure, the
  // indicators first; what a word means (`defined`), its glossary entry first -> the answer cards.
  Engine.prototype.answerAsked = function (text, literal, who, defined, concepts, results, answers) {
    var agency = who.length && this.agencyAnswer(who, concepts, results);
    if (agency) answers = [agency].concat(answers.filter(function (a) { return a !== agency; }));
    if (!literal && this.asks("figure", text).length) this.figuresFirst(concepts, results);
    else if (defined.length) this.definitionFirst(concepts, results);
    return answers;
  };

  // The results a question asks for, in rank order, moved ahead of the rest into the first tier and marked (`mark`:
  // they never wait behind the button, search.js). Whole-query matches stay first: nothing moves ahead of them.
  function putFirst(results, found, mark) {
    var top = results[0].cls;
    found.forEach(function (r) { r[mark] = true; r.cls = top; results.splice(results.indexOf(r), 1); });
    results.unshift.apply(results, found);
  }
  function ranked(results) { return results.length && results[0].cls >= CLASS.CONCEPTS; }

  // A query asking for a figure (asks "figure") lists first the indicators, of the plan it names, that hold the most
  // of its other words (any wording, but none found nearly everywhere), at most FIGURES of them, ahead of the rest.
  var FIGURES = 3;
  Engine.prototype.figuresFirst = function (concepts, results) {
    if (!ranked(results)) return;
    var self = this, inPlan = planTest(concepts);
    var found = results.filter(function (r) {
      return r.any && self.meta.kinds[self.meta.records[r.rec][1]] === "indicator" && inPlan(self.planOf(r.rec));
    });
    if (!found.length) return;
    var most = Math.max.apply(null, found.map(function (r) { return r.any; }));
    putFirst(results, found.filter(function (r) { return r.any === most; }).slice(0, FIGURES), "figure");
  };

  // A query asking what a word means (asks "define": 是什么意思, what is), of one subject besides the plans it names,
  // lists first the glossary entry of that subject (the best ranked entry whose term is one of its wordings).
  Engine.prototype.definitionFirst = function (concepts, results) {
    if (!ranked(results) || concepts.filter(function (c) { return c.plan == null; }).length !== 1) return;
    var self = this;
    var entry = results.filter(function (r) { return r.named && self.meta.kinds[self.meta.records[r.rec][1]] === "glossary"; })[0];
    if (entry) putFirst(results, [entry], "defined");
  };
})();
