// Site search: Material's search box and result list, answered by Pagefind.
//
// Material's bundle starts its search worker from the URL in the page's
// __config (overrides/main.html points it here) and talks to it in four
// messages: setup (0), ready (1), query (2), result (3). This worker answers
// them from Pagefind's index of the built pages (pagefind/, written after the
// build by docsite/search.py), so the box, its keyboard shortcuts, the result
// cards and their highlighting stay Material's own.
//
// The index holds one record per section of a page (docsite/search_records.py).
// A query is read as a reader types it:
// - its words, identifiers split as the pages' are ("step.sleep_until",
//   "sleepUntil" -> step, sleep, until), each typo (a word the site has in
//   no form: "batches" is "batch") read as the site word fewest edits away
//   (two in a word of TWO_EDITS letters or more; pagefind/vocabulary.json),
//   the commonest English words dropped where others remain (COMMON);
// - each word is searched alone, and with the words readers use for the same
//   thing (pagefind/synonyms.json, from docsite/synonyms.toml) at SYNONYM of
//   its score; a section scores the sum over the words (each as ln(1 +
//   score), the score capped at CAP: no one word decides), times the share
//   of the query's words it has (rarer words count more) to the power COVER;
// - an identifier typed whole ("step.sleep_until", "RetryAfterError", a
//   constant in capitals: "REPLIES") is also searched whole, and by its
//   dotted tails ("sleep_until"): a section that has it as written gains
//   TYPED times ln(1 + that score) times its share of the query's words
//   (Pagefind also answers it by its parts: a section without the whole name
//   gains nothing);
// - the SECTIONS best by their words and the best by an identifier are read;
// - a section named after the query's words ranks higher (TITLE), one named
//   exactly the identifier typed far higher (EXACT), one with the query's
//   words one after another (a pasted message) higher (PHRASE), an API entry
//   (pagefind/api.json) lower (API) unless named exactly, an entry of the
//   error catalogue (pagefind/symptoms.json) lower (SYMPTOM) unless the query
//   says something went wrong (FAILURE: "fails", "why", "401"; or an "n't")
//   or the entry has PHRASE_MIN or more of the query's words in a row, in its
//   text or its phrases (a pasted message, a reader's words for it); for a
//   query naming alternatives ("debounce or throttle", "a vs b"), a section
//   whose title asks a question ("Which flow-control option?") ranks higher
//   (CHOICE).
// A result card is one page: its title, then its sections that answer best
// (up to SHOWN, with the section title and a preview), the others folded
// under "N more on this page". A preview is Pagefind's excerpt of the
// section's text, never of the context the index adds to it (the page's title,
// the phrases readers type for it: docsite/search_records.py), which no
// reader sees: an excerpt from there becomes the section's first words.
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
// What separates the names in a query, code pasted too: `Flaky(failures=2)`
// is Flaky and failures, `@client.create_function(fn_id=` client.create_function
// and fn_id.
var CODE = /[()\[\]{},=:;"'@]+/;
var TWO_EDITS = 8;     // letters a word needs before two typos in it are read as slips
var PAGES = 10;        // result cards
var SECTIONS = 20;     // best sections read (their titles, URLs, previews)
var SHOWN = 2;         // sections shown on a card
var SHOWN_SHARE = 0.5; // a section is shown when it scores this share of the card's best
var SYNONYM = 0.5;     // a synonym's score against the typed word's
var CAP = 12;          // a word's score counts up to this: past it, a word said more often says no more
var COVER = 0.5;       // a section with half the query's words scores 1/2^COVER
var TYPED = 10;        // an identifier found as typed, against its words apart
var TITLE = 1;         // a section named after every query word scores 1 + TITLE times more
var EXACT = 4;         // a section named exactly the identifier typed
var PHRASE = 1;        // a section with the query's words one after another (a pasted
var PHRASE_MIN = 4;    // message), PHRASE_MIN or more, scores 1 + PHRASE times their share
var CHOICE = 2;        // a section titled as a question, for a query naming alternatives
var API = 0.3;         // an API entry not named exactly what was typed
var SYMPTOM = 0.5;     // a symptom's entry, for a query that says nothing went wrong
var PREVIEW = 24;      // words of a preview (Pagefind's excerpt, or the section's start)
var HIDDEN = "\u2042";  // starts the context (docsite/search_records.py HIDDEN)
// Pagefind's ranking (docs: pagefind.app/docs/ranking); measured on the tuning
// set (tools/search_eval.toml) only.
var RANKING = {termFrequency: 0.6, pageLength: 0.3, termSaturation: 1.4, termSimilarity: 3.0};
// Words that say something went wrong or did not happen (by their start, or
// whole), and a number from 400 to 599 (an HTTP error status); a query with
// "n't" ("doesn't") says so too.
var FAILURE = new RegExp("^(error|exception|fail|crash|wrong|invalid|unexpected|" +
  "missing|refus|reject|denied|stuck|warn|traceback|ignor|silent|problem|debug)|" +
  "^(no|not|nothing|never|cannot|why|broke|broken|hangs?|twice|dropped|issues?|" +
  "[45]\\d\\d)$");
// Lucene's English stop words, and the words a question starts with.
var COMMON = new Set(("a an and are as at be but by for if in into is it no not of on or such " +
  "that the their then there these they this to was will with how what when where which " +
  "who why do does can i my me you your should").split(" "));

var root = new URL("../", self.location);  // this file is assets/search-worker.js
var pagefind = null;
var lists = null;  // [vocabulary, synonyms, API entries, symptoms' entries], with the first query
var queue = Promise.resolve();

function setup() {
  return import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
    pagefind = module;
    return pagefind.options({ranking: RANKING, excerptLength: PREVIEW});
  }).then(function () {
    return pagefind.init();
  });
}

function load(name) {
  return fetch(new URL("pagefind/" + name, root).href)
    .then(function (response) { return response.ok ? response.json() : {}; })
    .catch(function () { return {}; });
}

function loadLists() {
  lists = lists || Promise.all(
    [load("vocabulary.json"), load("synonyms.json"), load("api.json"),
     load("symptoms.json")]);
  return lists;
}

// How many edits (a letter dropped, added or changed, or two neighbours
// swapped) turn `a` into `b`; `limit` + 1 when it takes more than `limit`.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var before = [], row = [];
  for (var j = 0; j <= b.length; j++) row.push(j);
  for (var i = 1; i <= a.length; i++) {
    var next = [i], least = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var d = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      next.push(d);
      least = Math.min(least, d);
    }
    if (least > limit) return limit + 1;
    before = row;
    row = next;
  }
  return row[b.length];
}

// The forms of `word` Pagefind's stemmer reads as the same word: "batches"
// is "batch", "throttled" is "throttle" and "throttling".
function inflections(word) {
  var forms = [word + "s", word + "es", word + "ed", word + "d", word + "ing"];
  [["ies", "y"], ["es", ""], ["s", ""], ["ed", ""], ["ed", "e"], ["d", ""], ["ing", ""],
   ["ing", "e"]].forEach(function (swap) {
    var stem = word.slice(0, -swap[0].length);
    if (word.slice(-swap[0].length) === swap[0] && stem.length > 2) forms.push(stem + swap[1]);
  });
  return forms;
}

// `word` if the site has it (or another form of it), else the site word
// fewest edits away: one, or two in a word of TWO_EDITS letters or more; of
// those, a longer one (a dropped letter is the commonest slip), then the
// most frequent.
function corrected(word, known) {
  if (known[word] || word.length < 2 || /[0-9]/.test(word)) return word;
  if (inflections(word).some(function (form) { return known[form]; })) return word;
  var limit = word.length >= TWO_EDITS ? 2 : 1;
  var best = word, rank = [-limit - 1, -1, 0];
  Object.keys(known).forEach(function (candidate) {
    var edits = distance(word, candidate, limit);
    if (edits > limit) return;
    var mine = [-edits, candidate.length > word.length ? 1 : 0, known[candidate]];
    for (var k = 0; k < mine.length && mine[k] === rank[k]; k++);
    if (k < mine.length && mine[k] > rank[k]) {
      best = candidate;
      rank = mine;
    }
  });
  return best;
}

// A result's URL from the site's base ("guides/debug/#keys"), as Material
// resolves a location: Pagefind's may be root-relative or absolute.
function relative(url) {
  var href = new URL(url, root).href;
  return href.indexOf(root.href) === 0 ? href.slice(root.href.length) : url;
}

// A token's words, lower case, split as Pagefind splits identifiers:
// "step.sleep_until" and "sleepUntil" -> step, sleep, until.
function words(token) {
  return token.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()
    .split(/[^a-z0-9]+/).filter(Boolean);
}

// How rare a site word is: rarer words decide more of a query.
function rarity(word, known) {
  return 1 / Math.log(2 + (known[word] || 0));
}

// The query, read: its words (corrected, common ones dropped where others
// remain), and its identifiers (tokens of several words) as typed, their
// misspelt parts corrected ("RetryAftrError" -> "retryaftererror"). A
// constant typed in capitals ("REPLIES"; five or more: "POST" and "CEL" are
// words) is an identifier too, found only as written (`constants`).
function read(query, known) {
  // Each token as typed ("retries=0" is on a page as such), and, pasted code
  // cut at its brackets and signs, its names ("Flaky(failures=2)": Flaky).
  var tokens = [];
  query.trim().split(/\s+/).filter(Boolean).forEach(function (token) {
    var names = token.split(CODE).filter(Boolean);
    tokens.push(token);
    if (names.length !== 1 || names[0] !== token) tokens = tokens.concat(names);
  });
  // A word in both the whole token and a name of it is corrected once (a
  // typo costs a pass over the site's words).
  var fixes = new Map();
  var fix = function (word) {
    if (!fixes.has(word)) fixes.set(word, corrected(word, known));
    return fixes.get(word);
  };
  var all = [], identifiers = [], constants = [];
  tokens.forEach(function (token) {
    var parts = words(token), fixed = parts.map(fix);
    all = all.concat(fixed);
    if (parts.length === 1 && /^[A-Z][A-Z0-9]{4,}$/.test(token)) {
      identifiers.push(parts[0]);
      constants.push(token);
    } else if (parts.length > 1) {
      var typed = token.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
      parts.forEach(function (part, i) { typed = typed.replace(part, fixed[i]); });
      typed = typed.replace(/ /g, "");
      // Its tails too, as the index has them ("kit.event_for" -> "event_for").
      typed.split(".").forEach(function (part, i, all) {
        var tail = all.slice(i).join(".");
        if (identifiers.indexOf(tail) < 0 && (i === 0 || /[._]/.test(tail))) identifiers.push(tail);
      });
    }
  });
  var kept = all.filter(function (w) { return !COMMON.has(w); });
  kept = kept.length ? kept : all;
  return {words: kept.filter(function (w, i) { return kept.indexOf(w) === i; }),
          identifiers: identifiers, constants: constants};
}

// The most words of `said`, in order, that `text` has one after another.
function longestRun(said, text) {
  var best = 0, row = new Array(text.length + 1).fill(0);
  for (var i = 0; i < said.length; i++) {
    var next = [0];
    for (var j = 0; j < text.length; j++) {
      next.push(said[i] === text[j] ? row[j] + 1 : 0);
      if (next[j + 1] > best) best = next[j + 1];
    }
    row = next;
  }
  return best;
}

// A section's entry in `sections` (id -> entry), made on its first result:
// its score per query word and as an identifier typed whole, none yet.
function entryOf(sections, result, terms) {
  var entry = sections.get(result.id);
  if (!entry) {
    entry = {result: result, scores: terms.map(function () { return 0; }), typed: 0};
    sections.set(result.id, entry);
  }
  return entry;
}

// Section id -> [result, score per query word]: each word searched alone and
// by its synonyms, each result keeping the word's best score.
function byWord(terms, synonyms) {
  var searches = [];
  terms.forEach(function (term, index) {
    searches.push([term, index, 1]);
    (synonyms[term] || []).forEach(function (other) {
      if (terms.indexOf(other) < 0) searches.push([other, index, SYNONYM]);
    });
  });
  return Promise.all(searches.map(function (s) { return pagefind.search(s[0]); }))
    .then(function (found) {
      var sections = new Map();
      found.forEach(function (search, n) {
        var index = searches[n][1], factor = searches[n][2];
        search.results.forEach(function (result) {
          var entry = entryOf(sections, result, terms);
          entry.scores[index] = Math.max(entry.scores[index], result.score * factor);
        });
      });
      return sections;
    });
}

// Each section's score: its words' scores times its share of the query.
function scored(sections, terms, known) {
  var weights = terms.map(function (term) { return rarity(term, known); });
  var total = weights.reduce(function (a, b) { return a + b; }, 0);
  sections.forEach(function (entry) {
    var sum = 0, covered = 0;
    entry.scores.forEach(function (score, i) {
      sum += Math.log(1 + Math.min(score, CAP));
      if (score > 0) covered += weights[i];
    });
    var share = total ? covered / total : 1;
    entry.words = sum * Math.pow(share, COVER);
    entry.score = entry.words + TYPED * Math.log(1 + entry.typed) * share;
  });
}

// How much of the query a section's title or anchor names: each query word
// found there (as a word's start), rarer site words counting more.
function named(data, terms, known) {
  var name = words((data.meta.title || "") + " " + (data.url.split("#")[1] || ""));
  var all = 0, found = 0;
  terms.forEach(function (term) {
    all += rarity(term, known);
    if (name.some(function (word) { return word.indexOf(term) === 0; })) found += rarity(term, known);
  });
  return all ? found / all : 0;
}

// The section is the identifier typed: its anchor or its title's first word
// ends with it, or with its last name, after a dot or an underscore
// ("kit.sync" -> inngest_kit.sync, "inngest.Throttle" -> #throttle). Typed as an
// identifier (a dot, an underscore or a capital): "run" is a word, "Run" and
// "Executor.run" are names.
function exact(data, query) {
  var call = /^@?([\w.]+)\(/.exec(query.trim());
  var typed = call ? call[1] : query.trim();
  if (!typed || /\s/.test(typed) || !/[._A-Z]/.test(typed)) return false;
  var last = typed.split(".").pop();
  var names = [typed.toLowerCase()];
  if (last !== typed && /[_A-Z]/.test(last)) names.push(last.toLowerCase());
  var anchor = "." + (data.url.split("#")[1] || "").toLowerCase();
  var first = "." + (data.meta.title || "").toLowerCase().split(/[\s(]/)[0];
  return names.some(function (name) {
    return [anchor, first].some(function (own) {
      var end = own.slice(-name.length - 1);
      return end.slice(1) === name && /[._]/.test(end[0]);
    });
  });
}

// What a card shows of a section: Pagefind's excerpt up to the context no
// reader sees, or, for an excerpt from that context, the section's first
// PREVIEW words with the query's words marked.
function preview(data, terms) {
  var shown = (data.content || "").split(HIDDEN)[0].replace(/\s+/g, " ").trim();
  var excerpt = (data.excerpt || "").split(HIDDEN)[0];
  var plain = excerpt.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ").trim();
  if (plain && shown.indexOf(plain) >= 0) return excerpt.trim();
  return shown.split(" ").slice(0, PREVIEW).map(function (word) {
    var safe = word.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    var said = words(word).some(function (w) { return terms.indexOf(w) >= 0; });
    return said ? "<mark>" + safe + "</mark>" : safe;
  }).join(" ");
}

// Cards, best first: one Material result group per page, the page first,
// then its sections, best first; Material shows those scoring as high as the
// page and folds the rest.
function cards(entries, terms) {
  var pages = new Map();
  entries.forEach(function (entry) {
    var page = relative(entry.data.url).split("#")[0];
    if (!pages.has(page)) pages.set(page, []);
    pages.get(page).push(entry);
  });
  return Array.from(pages.entries()).map(function (item) {
    var page = item[0], found = item[1].sort(function (a, b) { return b.score - a.score; });
    var best = found[0].score;
    var docs = [{location: page, title: found[0].data.meta.page || page,
                 text: preview(found[0].data, terms), score: best, terms: {}}];
    found.filter(function (entry) { return relative(entry.data.url) !== page; })
      .forEach(function (entry, index) {
        var shown = index < SHOWN && entry.score >= best * SHOWN_SHARE;
        docs.push({location: relative(entry.data.url), title: entry.data.meta.title,
                   text: preview(entry.data, terms), score: shown ? best : best / 2, terms: {}});
      });
    return docs;
  }).sort(function (a, b) { return b[0].score - a[0].score; }).slice(0, PAGES);
}

function answer(query) {
  return loadLists().then(function (loaded) {
    var known = loaded[0], synonyms = loaded[1];
    var api = new Set(Array.isArray(loaded[2]) ? loaded[2] : []);
    var symptoms = new Set(Array.isArray(loaded[3]) ? loaded[3] : []);
    var read_ = read(query, known);
    var terms = read_.words;
    var said = words(query);
    var failing = /n['\u2019]t\b/i.test(query) ||
      said.some(function (word) { return FAILURE.test(word); });
    var choice = /\S\s+(or|vs\.?|versus)\s+\S/i.test(query) && !/[:"']/.test(query);
    return Promise.all([
      byWord(terms, synonyms),
      Promise.all(read_.identifiers.map(function (typed) { return pagefind.search(typed); }))
    ]).then(function (found) {
      var sections = found[0];
      found[1].forEach(function (search) {
        search.results.forEach(function (result) {
          var entry = entryOf(sections, result, terms);
          entry.typed = Math.max(entry.typed, result.score);
        });
      });
      scored(sections, terms, known);
      // The best by their words, and the best by an identifier typed whole.
      var all = Array.from(sections.values());
      var top = all.slice().sort(function (a, b) { return b.words - a.words; })
        .slice(0, SECTIONS);
      all.filter(function (entry) { return entry.typed > 0 && top.indexOf(entry) < 0; })
        .sort(function (a, b) { return b.typed - a.typed; }).slice(0, SECTIONS / 2)
        .forEach(function (entry) { top.push(entry); });
      return Promise.all(top.map(function (entry) { return entry.result.data(); }))
        .then(function (datas) {
          top.forEach(function (entry, i) {
            entry.data = datas[i];
            var text = datas[i].content || "", lower = text.toLowerCase();
            var has = read_.constants.some(function (name) { return text.indexOf(name) >= 0; }) ||
              read_.identifiers.some(function (name) {
                return read_.constants.indexOf(name.toUpperCase()) < 0 && lower.indexOf(name) >= 0;
              });
            if (!has) entry.score = entry.words;
            var run = longestRun(said, words(text));
            if (run >= PHRASE_MIN) entry.score *= 1 + PHRASE * run / said.length;
            var url = relative(entry.data.url), same = exact(entry.data, query);
            if (choice && /\?$/.test(entry.data.meta.title || "")) entry.score *= CHOICE;
            // An entry with the query's words in a row (in its text or its
            // phrases: a pasted message, a reader's words for it) answers it.
            if (symptoms.has(url) && !failing && run < PHRASE_MIN) entry.score *= SYMPTOM;
            entry.score *= (1 + TITLE * named(entry.data, terms, known)) *
              (same ? EXACT : api.has(url) ? API : 1);
          });
          return cards(top, terms);
        });
    });
  });
}

// Pagefind and the word lists load with the first query a reader types, not
// with the page: a page that is only read fetches none of them.
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
