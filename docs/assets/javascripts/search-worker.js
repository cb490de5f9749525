/*
 * Foundation Model Atlas: the search worker.
 *
 * It speaks the message protocol of Material for MkDocs' search worker (setup, ready, query,
 * result), so Material's search box and result list work unchanged, but it does not build the
 * lunr index in the browser: atlas/searchindex.py builds it once at build time and writes
 * search/atlas-index.js, which this worker loads (loadPacked). Building the index in the
 * browser cost about 140 µs per search document on every page load (python -m atlas bench),
 * which at thousands of models put the first result seconds away.
 *
 * The worker and hooks/search_index.py are one unit: the hook writes the index and tells the
 * theme (overrides/main.html) to use this worker; a builder that skips the hook keeps
 * Material's own worker. The query is read as Material's worker reads it (a trailing wildcard
 * on every term), with Chinese cut into words by the same segmenter and dictionary that cut
 * the documents (Segmenter, shipped in the index).
 *
 * Runs as a Web Worker on a served site and, from disk (file://), inside the iframe-worker
 * shim, where importScripts returns a promise and the script is a <script src> element.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;   // Material's SearchMessageType
var engine = null;

function scriptUrl() {
  if (typeof document !== "undefined") {
    var script = document.querySelector("script[src]");
    if (script) return script.src;
  }
  return self.location.href;
}

// Chinese words, cut as atlas/searchindex.py (Segmenter.cut) cut the documents: jieba's
// least-cost route through the word graph, over the words (and integer costs) the index ships.
function Segmenter(data) {
  this.han = new RegExp(data.han, "gu");
  this.words = new Map(Object.entries(data.words));
  this.unknown = data.unknown;
  this.longest = 1;
  for (var word of this.words.keys()) this.longest = Math.max(this.longest, Array.from(word).length);
}
Segmenter.prototype.cut = function (run) {
  var chars = Array.from(run), n = chars.length, route = new Array(n + 1), end = new Array(n + 1);
  route[n] = 0;
  for (var i = n - 1; i >= 0; i--) {
    var single = this.words.get(chars[i]);
    var best = (single === undefined ? this.unknown : single) + route[i + 1], stop = i + 1;
    for (var j = i + 2; j <= Math.min(n, i + this.longest); j++) {
      var c = this.words.get(chars.slice(i, j).join(""));
      if (c !== undefined && c + route[j] <= best) { best = c + route[j]; stop = j; }
    }
    route[i] = best; end[i] = stop;
  }
  var out = [];
  for (var k = 0; k < n; k = end[k]) out.push(chars.slice(k, end[k]).join(""));
  return out;
};
// Every run of Chinese characters in the query, as its words separated by spaces.
Segmenter.prototype.split = function (query) {
  var self_ = this;
  return query.replace(this.han, function (run) { return " " + self_.cut(run).join(" ") + " "; });
};

// What the reader typed, as Material's worker turns it into a query: Chinese cut into words,
// each word split on the separator, and a trailing wildcard on every term, so that a word
// being typed ("chinchil") finds what it begins.
function transform(query, segmenter, separator) {
  query = segmenter ? segmenter.split(query) : query;
  query = query.replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "").trim();
  var terms = [];
  query.split(/\s+/).forEach(function (word) {
    var sign = /^[+-]/.test(word) ? word.charAt(0) : "";
    word.slice(sign.length).split(separator).forEach(function (part) {
      if (!part) return;
      if (/[~^]$/.test(part)) part += "1";
      terms.push(sign + (sign || /[~^]\d+$/.test(part) || /\*$/.test(part) ? part : part + "*"));
    });
  });
  return terms.join(" ");
}

// The text of an HTML string between two tags with its character references decoded (the
// index was built from decoded text: "Q&amp;A" is the word "q&a"), and for each of its
// characters, where it starts in the string. References the atlas does not write become U+FFFD.
var NAMED = {amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0"};
function decoded(part) {
  var text = "", at = [], re = /&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, last = 0, m;
  function keep(ch, where) { text += ch; for (var k = 0; k < ch.length; k++) at.push(where); }
  while ((m = re.exec(part)) !== null) {
    for (var i = last; i < m.index; i++) keep(part.charAt(i), i);
    var code = m[1] ? parseInt(m[1], 10) : m[2] ? parseInt(m[2], 16) : -1;
    var name = m[3] && m[3].toLowerCase();
    keep(code > 0 && code <= 0x10FFFF ? String.fromCodePoint(code)
         : name && Object.prototype.hasOwnProperty.call(NAMED, name) ? NAMED[name] : "\uFFFD", m.index);
    last = m.index + m[0].length;
  }
  for (var j = last; j < part.length; j++) keep(part.charAt(j), j);
  at.push(part.length);
  return {text: text, at: at};
}

// Wrap the tokens of an HTML string that the index matched in <mark>, outside tags only.
// Only markup is added: the text itself, escaped when the site was built, is copied as it is.
// A Chinese word the index matched only by a part (位置编码 for 编码) has the part marked.
function highlight(value, matched, separator, han) {
  if (!value || !matched.size) return value;
  var parts = han ? Array.from(matched).filter(function (t) { han.lastIndex = 0; return han.test(t); })
    .sort(function (a, b) { return b.length - a.length; }) : [];
  return value.split(/(<[^>]*>)/).map(function (part) {
    if (part.charAt(0) === "<") return part;
    var d = decoded(part), text = d.text, at = d.at;
    var out = "", last = 0, re = new RegExp(separator.source, "g"), m;
    function mark(from, to) { return "<mark>" + part.slice(at[from], at[to]) + "</mark>"; }
    function token(from, to) {
      var word = text.slice(from, to).toLowerCase();
      if (matched.has(word)) { out += mark(from, to); return; }
      var inner = parts.find(function (p) { return p.length < word.length && word.indexOf(p) >= 0; });
      if (!inner) { out += part.slice(at[from], at[to]); return; }
      var i = from + word.indexOf(inner);
      out += part.slice(at[from], at[i]) + mark(i, i + inner.length) + part.slice(at[i + inner.length], at[to]);
    }
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      if (m.index > last) token(last, m.index);
      out += part.slice(at[m.index], at[m.index + m[0].length]);
      last = m.index + m[0].length;
    }
    if (last < text.length) token(last, text.length);
    return out;
  }).join("");
}

// The packed index (atlas/searchindex.py, pack) as a lunr.Index. Only the word list is read
// up front, into the TokenSet every query needs; a word's postings become lunr's objects when
// a query first asks for the word, and a document's field vector when a query matches it.
function loadPacked(data) {
  var fields = data.fields, terms = data.terms, postings = data.postings, vectors = data.vectors;
  var position = Object.create(null);
  for (var i = 0; i < terms.length; i++) position[terms[i]] = i;
  var postingCache = Object.create(null);
  var invertedIndex = new Proxy(position, {
    get: function (target, term) {
      if (typeof term !== "string" || !(term in target)) return undefined;
      var posting = postingCache[term];
      if (posting) return posting;
      var row = postings[target[term]];
      posting = { _index: row[0] };
      fields.forEach(function (name, f) {
        var refs = Object.create(null), doc = 0, gaps = row[f + 1];
        for (var k = 0; k < gaps.length; k++) { doc += gaps[k]; refs[doc] = {}; }
        posting[name] = refs;
      });
      return (postingCache[term] = posting);
    }
  });
  var vectorCache = Object.create(null);
  function vector(fieldRef) {
    if (fieldRef in vectorCache) return vectorCache[fieldRef];
    var slash = fieldRef.indexOf("/"), f = fields.indexOf(fieldRef.slice(0, slash));
    var text = f < 0 ? undefined : vectors[f][+fieldRef.slice(slash + 1)];
    var v = typeof text === "string" ? new lunr.Vector(text ? text.split(",").map(Number) : []) : undefined;
    return (vectorCache[fieldRef] = v);
  }
  var allRefs = null;
  function refs() {   // every field vector's name: only a query with nothing but -words lists them
    if (!allRefs) {
      allRefs = [];
      fields.forEach(function (name, f) {
        vectors[f].forEach(function (text, doc) { if (typeof text === "string") allRefs.push(name + "/" + doc); });
      });
    }
    return allRefs;
  }
  var fieldVectors = new Proxy({}, {
    get: function (target, fieldRef) { return typeof fieldRef === "string" ? vector(fieldRef) : undefined; },
    has: function (target, fieldRef) { return typeof fieldRef === "string" && vector(fieldRef) !== undefined; },
    ownKeys: function () { return refs(); },
    getOwnPropertyDescriptor: function (target, fieldRef) {
      var v = typeof fieldRef === "string" ? vector(fieldRef) : undefined;
      return v && { value: v, writable: false, enumerable: true, configurable: true };
    }
  });
  return {
    vocabulary: position,
    index: new lunr.Index({
      invertedIndex: invertedIndex, fieldVectors: fieldVectors, tokenSet: lunr.TokenSet.fromArray(terms),
      fields: fields, pipeline: lunr.Pipeline.load(data.pipeline)
    })
  };
}

function Engine(config, docs, options, data) {
  this.separator = new RegExp(config.separator);
  lunr.tokenizer.separator = this.separator;      // the query lexer splits terms on it
  this.index = loadPacked(data).index;
  this.segmenter = data.segmenter ? new Segmenter(data.segmenter) : null;
  this.docs = docs;
  this.options = options || {};
  this.pages = new Map();
  for (var i = 0; i < docs.length; i++)
    if (docs[i].location.indexOf("#") < 0 && inEdition(docs[i].location)) this.pages.set(docs[i].location, docs[i]);
}

// Each edition of the site (English at the root, Chinese under zh/) searches its own pages:
// overrides/main.html names the page's edition in the worker's address (?edition=zh/&editions=zh/).
// Only pages in this.pages are returned, so the other edition's documents never show.
function inEdition(location) {
  var params = new URL(here).searchParams, root = new URL("../../", here).href;
  // the offline build's iframe-worker shim appends "?<time>" to the address, after our query
  var param = function (name) { return (params.get(name) || "").split("?")[0]; };
  var edition = param("edition");
  var others = param("editions").split(",").filter(function (p) { return p && p !== edition; });
  var path = location.indexOf(root) === 0 ? location.slice(root.length) : location.replace(/^\.?\//, "");
  if (edition && path.indexOf(edition) !== 0) return false;
  return !others.some(function (p) { return path.indexOf(p) === 0; });
}

Engine.prototype.clauses = function (query) {
  var parsed = new lunr.Query(this.index.fields);
  new lunr.QueryParser(query, parsed).parse();
  // the terms as typed, without their wildcard (Material's worker does the same)
  return parsed.clauses.filter(function (c) { return c.presence !== lunr.Query.presence.PROHIBITED; })
    .map(function (c) { return Object.assign({}, c, { term: c.term.replace(/^\*|\*$/g, "") }); });
};

// Result groups whose text is highlighted: Material shows ten at a time, and marking every
// one of thousands of matches (a word every page contains) would delay the first ten.
var HIGHLIGHTED_GROUPS = 50;

// A result shows at most two paragraphs of its text, those with a matched word (as Material's
// worker does), else the first: a summary in the other language or a facts line shows when
// the match is there.
function excerpt(text) {
  var blocks = text.match(/<p>[\s\S]*?<\/p>/g);
  if (!blocks || blocks.join("") !== text) return text;
  var marked = blocks.filter(function (b) { return b.indexOf("<mark>") >= 0; });
  return (marked.length ? marked.slice(0, 2) : blocks.slice(0, 1)).join("");
}

Engine.prototype.search = function (typed) {
  var self_ = this;
  var query = transform(typed, this.segmenter, this.separator);
  if (!query) return { items: [] };
  var clauses = this.clauses(query);
  var found = this.index.search(query).map(function (hit) {
    var doc = self_.docs[+hit.ref];
    var matched = Object.keys(hit.matchData.metadata);
    var terms = {}, hits = 0;
    clauses.forEach(function (c) {
      var ok = matched.some(function (t) { return t.indexOf(c.term) === 0; });
      terms[c.term] = ok;
      hits += ok ? 1 : 0;
    });
    var coverage = clauses.length ? hits / clauses.length : 1;
    var isPage = doc.location.indexOf("#") < 0;
    // documents that match every word rank first; a page ranks above its own sections
    return { doc: doc, matched: matched, terms: terms, score: hit.score * Math.pow(1 + coverage, 2) * (isPage ? 1.5 : 1) };
  }).sort(function (a, b) { return b.score - a.score; });

  // Group by page, best first, as Material's result list expects: each group holds its page.
  var groups = new Map();
  found.forEach(function (hit) {
    var page = hit.doc.location.split("#")[0];
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(hit);
  });
  var items = [], n = 0;
  groups.forEach(function (hits, page) {
    if (!self_.pages.has(page)) return;
    var marked = n++ < HIGHLIGHTED_GROUPS;
    var group = hits.map(function (hit) {
      var item = Object.assign({}, hit.doc, { score: hit.score, terms: hit.terms });
      if (hit.doc.tags) item.tags = hit.doc.tags.slice();
      if (marked) {
        var matched = new Set(hit.matched);
        var han = self_.segmenter && self_.segmenter.han;
        item.title = highlight(hit.doc.title, matched, self_.separator, han);
        item.text = excerpt(highlight(hit.doc.text, matched, self_.separator, han));
      }
      return item;
    });
    if (!hits.some(function (hit) { return hit.doc.location === page; }))
      group.push(Object.assign({}, self_.pages.get(page), { score: 0, terms: {} }));
    items.push(group);
  });
  var result = { items: items };

  if (this.options.suggest) {
    var top = this.index.query(function (q) {
      clauses.forEach(function (c) {
        q.term(c.term, { fields: ["title"], presence: lunr.Query.presence.REQUIRED, wildcard: lunr.Query.wildcard.TRAILING });
      });
    });
    result.suggest = top.length ? Object.keys(top[0].matchData.metadata) : [];
  }
  return result;
};

// Start loading the index as soon as the worker starts, before Material sends the documents.
// The file names its version; if a cache served an older one, it is loaded again by version.
var here = scriptUrl();
var INDEX_URL = new URL("../../search/atlas-index.js", here).href;
var loading = (async function () {
  await importScripts(new URL("../vendor/lunr/lunr.min.js", here).href, INDEX_URL);
})().catch(function () {});   // retried in setup, where a failure is reported

async function setup(data) {
  await loading;
  var version = data.config.atlas_index || "";
  if (typeof lunr === "undefined") await importScripts(new URL("../vendor/lunr/lunr.min.js", here).href);
  if (self.atlasSearchIndexVersion !== version)
    await importScripts(INDEX_URL + "?v=" + encodeURIComponent(version));
  if (self.atlasSearchIndexVersion !== version)
    throw new Error("search/atlas-index.js is not the index of these documents: rebuild the site");
  engine = new Engine(data.config, data.docs, data.options, self.atlasSearchIndex);
}

function search(query) {
  try {
    return engine.search(query);
  } catch (err) {
    console.warn("Search could not read the query: " + query, err);
    return { items: [] };
  }
}

// Queries arrive on every key press. While one is being answered the next ones wait in line;
// only the newest of those is answered, because Material shows only the latest result.
var nextQuery = null, ready = null;
addEventListener("message", async function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    ready = setup(message.data);
    await ready;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var waiting = nextQuery !== null;
    nextQuery = message.data;
    if (waiting) return;
    setTimeout(async function () {
      await ready;
      var query = nextQuery;
      nextQuery = null;
      postMessage({ type: RESULT, data: search(query) });
    }, 0);
  } else {
    throw new TypeError("Unknown search message type: " + message.type);
  }
});
