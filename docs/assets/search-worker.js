// Site search: Material's search box and result list, answered by Pagefind.
//
// Material's bundle starts its search worker from the URL in the page's
// __config (overrides/main.html points it here) and talks to it in four
// messages: setup (0), ready (1), query (2), result (3). This worker answers
// them from Pagefind's index of the built pages (pagefind/, written after the
// build by docsite/search.py), so the box, its keyboard shortcuts, the result
// cards and their highlighting stay Material's own.
//
// A result card is one page: its title, then the sections that answer the
// query best (up to SHOWN, with the section title and a preview), the other
// matching sections folded under "N more on this page".
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var PAGES = 10;        // result cards
var CANDIDATES = 15;   // pages re-ranked by their best section
var RANK_TITLE = 3;    // a page whose best section is named after the query ranks this much higher
var SHOWN = 2;         // sections shown on a card
var SHOWN_SHARE = 0.5; // a section is shown when it scores this share of the card's best
var TITLE = 4;         // a section named after every query word counts this much more
// Pagefind's ranking (docs: pagefind.app/docs/ranking); measured on the tuning
// set (tools/search_eval.toml) only.
var RANKING = {termFrequency: 0.6, pageLength: 0.3, termSaturation: 1.4, termSimilarity: 1.0};

var root = new URL("../", self.location);  // this file is assets/search-worker.js
var pagefind = null;
var queue = Promise.resolve();

function setup() {
  return import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
    pagefind = module;
    return pagefind.options({ranking: RANKING, excerptLength: 24});
  }).then(function () {
    return pagefind.init();
  });
}

function relative(url) {
  return url.replace(/^\//, "").replace(/^\.\//, "");
}

// A query's words, lower case, split as Pagefind splits identifiers:
// "step.sleep_until" and "sleepUntil" -> step, sleep, until.
function words(query) {
  return query.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()
    .split(/[^a-z0-9]+/).filter(Boolean);
}

// A section: its matches, and far more for the query's words in its title or
// anchor (as Material weighs a heading), so the card shows the section named
// after what was typed.
function named(sub, terms) {
  var name = words(sub.title + " " + (sub.anchor && sub.anchor.id || ""));
  return terms.filter(function (term) {
    return name.some(function (word) { return word.indexOf(term) === 0; });
  }).length / Math.max(terms.length, 1);
}

function sectionScore(sub, terms) {
  return (sub.weighted_locations || []).reduce(function (sum, at) {
    return sum + at.balanced_score;
  }, 0) * (1 + TITLE * named(sub, terms));
}

// One Material result group: the page first, then its sections, best first;
// Material shows those scoring as high as the page and folds the rest.
function card(page, score, terms) {
  var base = relative(page.url);
  var sections = page.sub_results.filter(function (sub) {
    return sub.anchor && sub.url.indexOf("#") >= 0;
  }).map(function (sub) {
    return {sub: sub, score: sectionScore(sub, terms), named: named(sub, terms)};
  }).sort(function (a, b) { return b.score - a.score; });
  var best = sections.length ? sections[0].score : 0;
  score = score * (1 + RANK_TITLE * (sections.length ? sections[0].named : 0));
  var docs = [{location: base, title: page.meta.title || base, text: page.excerpt,
               score: score, terms: {}}];
  sections.forEach(function (section, index) {
    var shown = index < SHOWN && section.score >= best * SHOWN_SHARE;
    docs.push({
      location: relative(section.sub.url),
      title: section.sub.title,
      text: section.sub.excerpt,
      score: shown ? score : score / 2,
      terms: {}
    });
  });
  return docs;
}

// Pagefind keeps "step.sleep_until" as one word (stepsleep_until) and as its
// parts: the query is searched as typed and with its identifiers split, and
// each page keeps its better score.
function answer(query) {
  var terms = words(query);
  var split = terms.join(" ");
  var searches = [pagefind.search(query)];
  if (split !== query.trim().toLowerCase()) searches.push(pagefind.search(split));
  return Promise.all(searches).then(function (found) {
    var best = new Map();
    found.forEach(function (search) {
      search.results.forEach(function (result) {
        var seen = best.get(result.id);
        if (!seen || seen.score < result.score) best.set(result.id, result);
      });
    });
    var top = Array.from(best.values())
      .sort(function (a, b) { return b.score - a.score; }).slice(0, CANDIDATES);
    return Promise.all(top.map(function (result) { return result.data(); }))
      .then(function (pages) {
        return pages.map(function (page, index) {
          return card(page, top[index].score, terms);
        }).sort(function (a, b) { return b[0].score - a[0].score; }).slice(0, PAGES);
      });
  });
}

var ready = null;
self.onmessage = function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    ready = setup();
    queue = ready.then(function () { self.postMessage({type: READY}); });
  } else if (message.type === QUERY) {
    // In order, one at a time: Material shows the answer to the last query.
    // A query that fails shows no results (and the error in the console).
    queue = queue.then(function () { return answer(message.data); })
      .catch(function (error) { console.error(error); return []; })
      .then(function (items) { self.postMessage({type: RESULT, data: {items: items}}); });
  }
};
