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
//
// A query word that is not one of the site's words (pagefind/vocabulary.json,
// written with the index) is read as the most frequent site word one edit
// away, and a query whose words no page has all of is answered by each word
// alone, at a lower score.
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var PAGES = 10;        // result cards
var CANDIDATES = 15;   // pages re-ranked by their best section
var RANK_TITLE = 3;    // a page whose best section is named after the query ranks this much higher
var SHOWN = 2;         // sections shown on a card
var SHOWN_SHARE = 0.5; // a section is shown when it scores this share of the card's best
var EXACT = 4;         // a page with a section named exactly what was typed (an API entry) ranks this much higher
var TITLE = 4;         // a section named after every query word counts this much more
// Pagefind's ranking (docs: pagefind.app/docs/ranking); measured on the tuning
// set (tools/search_eval.toml) only.
var RANKING = {termFrequency: 0.6, pageLength: 0.3, termSaturation: 1.4, termSimilarity: 1.0};

var ANY_WORD = 0.5;     // a page found by some of the query's words only, against all of them
var FEW = 3;           // fewer pages than this with every word: each word is searched alone

var root = new URL("../", self.location);  // this file is assets/search-worker.js
var pagefind = null;
var vocabulary = null; // loaded with the first query
var queue = Promise.resolve();

function setup() {
  return import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
    pagefind = module;
    return pagefind.options({ranking: RANKING, excerptLength: 24});
  }).then(function () {
    return pagefind.init();
  });
}

function loadVocabulary() {
  if (!vocabulary) {
    vocabulary = fetch(new URL("pagefind/vocabulary.json", root).href)
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; });
  }
  return vocabulary;
}

// Every word one edit (a letter dropped, added, changed, or two swapped) from `word`.
function edits(word) {
  var letters = "abcdefghijklmnopqrstuvwxyz0123456789", out = [];
  for (var i = 0; i <= word.length; i++) {
    var head = word.slice(0, i), tail = word.slice(i);
    if (tail) out.push(head + tail.slice(1));
    if (tail.length > 1) out.push(head + tail[1] + tail[0] + tail.slice(2));
    for (var j = 0; j < letters.length; j++) {
      out.push(head + letters[j] + tail);
      if (tail) out.push(head + letters[j] + tail.slice(1));
    }
  }
  return out;
}

// `word` if the site has it, else its most frequent neighbour one edit away
// (a longer one first: a dropped letter is the commonest slip).
function corrected(word, known) {
  if (known[word] || word.length < 2 || /[0-9]/.test(word)) return word;
  var best = word, rank = [-1, 0];
  edits(word).forEach(function (candidate) {
    var count = known[candidate];
    if (!count) return;
    var mine = [candidate.length > word.length ? 1 : 0, count];
    if (mine[0] > rank[0] || (mine[0] === rank[0] && mine[1] > rank[1])) {
      best = candidate;
      rank = mine;
    }
  });
  return best;
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
// How much of the query a section's title or anchor names: each query word
// found there, rarer site words counting more (vocabulary counts).
function named(sub, terms, known) {
  var name = words(sub.title + " " + (sub.anchor && sub.anchor.id || ""));
  var rarity = function (term) { return 1 / Math.log(2 + (known[term] || 0)); };
  var all = terms.reduce(function (sum, term) { return sum + rarity(term); }, 0);
  var found = terms.filter(function (term) {
    return name.some(function (word) { return word.indexOf(term) === 0; });
  }).reduce(function (sum, term) { return sum + rarity(term); }, 0);
  return all ? found / all : 0;
}

// The section is the identifier typed: its anchor ends with it
// ("Executor.run" -> inngest_kit.Executor.run) or its title starts with it.
function exact(sub, query) {
  var typed = query.trim().toLowerCase();
  if (!typed || /\s/.test(typed)) return false;
  var id = "." + (sub.anchor && sub.anchor.id || "").toLowerCase();
  var first = sub.title.toLowerCase().split(/[\s(]/)[0];
  return id.slice(-typed.length - 1) === "." + typed || first === typed;
}

function matches(sub) {
  return (sub.weighted_locations || []).reduce(function (sum, at) {
    return sum + at.balanced_score;
  }, 0);
}

// One Material result group: the page first, then its sections, best first;
// Material shows those scoring as high as the page and folds the rest. A
// page found by several searches (as typed, split) has each section at its
// best share of its search's best section.
function card(found, score, terms, known, query) {
  var page = found[0];
  var base = relative(page.url);
  var shares = new Map();
  found.forEach(function (data) {
    var subs = data.sub_results.filter(function (sub) {
      return sub.anchor && sub.anchor.element !== "h1" && sub.url.indexOf("#") >= 0;
    });
    var top = Math.max.apply(null, subs.map(matches).concat([1e-9]));
    subs.forEach(function (sub) {
      var seen = shares.get(sub.url);
      var share = matches(sub) / top;
      if (!seen || seen.share < share) shares.set(sub.url, {sub: sub, share: share});
    });
  });
  var sections = Array.from(shares.values()).map(function (entry) {
    var same = exact(entry.sub, query);
    var name = same ? 1 : named(entry.sub, terms, known);
    var bonus = (1 + TITLE * name) * (same ? 1 + TITLE : 1);
    return {sub: entry.sub, score: entry.share * bonus, named: name, exact: same};
  }).sort(function (a, b) { return b.score - a.score; });
  var best = sections.length ? sections[0].score : 0;
  score = score * (1 + RANK_TITLE * (sections.length ? sections[0].named : 0));
  if (sections.length && sections[0].exact) score *= EXACT;
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

// Pagefind hands each search of a page the same object: kept apart.
function copy(data) {
  return {url: data.url, meta: data.meta, excerpt: data.excerpt,
          sub_results: data.sub_results.slice()};
}

// Each page once: its best score over the searches, and every search's result.
function merge(pages, results, factor) {
  results.forEach(function (result) {
    var score = result.score * factor;
    var seen = pages.get(result.id);
    if (!seen) pages.set(result.id, {score: score, results: [result]});
    else {
      seen.score = Math.max(seen.score, score);
      seen.results.push(result);
    }
  });
}

// Pagefind keeps "step.sleep_until" as one word (stepsleep_until) and as its
// parts: the query is searched as typed and with its identifiers split (and
// its typos corrected), and each page keeps its better score.
function answer(query) {
  return loadVocabulary().then(function (known) {
    var terms = words(query).map(function (word) { return corrected(word, known); });
    var split = terms.join(" ");
    var queries = [query];
    if (split !== query.trim().toLowerCase()) queries.push(split);
    return Promise.all(queries.map(function (q) { return pagefind.search(q); }))
      .then(function (found) {
        var pages = new Map();
        found.forEach(function (search) { merge(pages, search.results, 1); });
        if (pages.size >= FEW || terms.length < 2) return pages;
        return Promise.all(terms.map(function (term) { return pagefind.search(term); }))
          .then(function (alone) {
            var factor = ANY_WORD / terms.length;
            alone.forEach(function (search) { merge(pages, search.results, factor); });
            return pages;
          });
      }).then(function (pages) {
        var top = Array.from(pages.values())
          .sort(function (a, b) { return b.score - a.score; }).slice(0, CANDIDATES);
        return Promise.all(top.map(function (entry) {
          return entry.results.reduce(function (done, result) {
            return done.then(function (list) {
              return result.data().then(function (data) { return list.concat([copy(data)]); });
            });
          }, Promise.resolve([]));
        })).then(function (datas) {
          return datas.map(function (found, index) {
            return card(found, top[index].score, terms, known, query);
          }).sort(function (a, b) { return b[0].score - a[0].score; }).slice(0, PAGES);
        });
      });
  });
}

// Pagefind and the vocabulary load with the first query a reader types, not
// with the page: a page that is only read fetches neither.
var ready = null;
self.onmessage = function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    self.postMessage({type: READY});
  } else if (message.type === QUERY) {
    // In order, one at a time: Material shows the answer to the last query.
    // A query that fails shows no results (and the error in the console).
    queue = queue.then(function () {
      if (!String(message.data || "").trim()) return [];
      ready = ready || setup();
      return ready.then(function () { return answer(message.data); });
    }).catch(function (error) { console.error(error); return []; })
      .then(function (items) { self.postMessage({type: RESULT, data: {items: items}}); });
  }
};
