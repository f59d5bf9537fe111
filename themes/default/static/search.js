// Gazette's search page. It queries the index built with the site (in /search-index/, format
// described in Gazette's src/render/search/index.rs): it fetches the summary once, then only
// the shards holding the query's words and the documents it shows. Every word of the query
// must match (a word also finds the words sharing its stem: "ferries" finds "ferry"); results
// are ranked by BM25 and show title, outlet, date and an excerpt with the matches marked, cut
// from the text the result's own page marks with `data-search-text`.
// The query lives in the address (?q=…&topic=…), so a search can be bookmarked or shared.
import { WORD, words } from "./search-words.js";

const form = document.querySelector("form.search-form");
const input = document.getElementById("search-q");
const topic = document.getElementById("search-topic");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const bundle = form.dataset.bundle;
// The page's messages in its language (the theme's translation files): plain strings, or
// CLDR plural forms picked with the browser's own CLDR rules (Intl.PluralRules).
const messages = JSON.parse(form.dataset.messages || "{}");
const lang = document.documentElement.lang || "en";
const plurals = new Intl.PluralRules(lang);
const numbers = new Intl.NumberFormat(lang, { useGrouping: "min2" });

function say(key, values = {}) {
  let text = messages[key] ?? key;
  if (typeof text === "object") text = text[plurals.select(values.count ?? 0)] ?? text.other;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) =>
    name in values ? (typeof values[name] === "number" ? numbers.format(values[name]) : values[name]) : whole,
  );
}
const SHOWN = 20;
const EXCERPT_WORDS = 30;
// BM25's usual constants.
const K1 = 1.2;
const B = 0.75;

const fetchJson = (path) =>
  fetch(bundle + path).then((r) => {
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json();
  });
const summary = await fetchJson("index.json");
const shardKeys = new Set(summary.shards);
const averageLength = summary.total_length / Math.max(1, summary.docs);
const cache = new Map();
const cached = (path) => {
  if (!cache.has(path)) cache.set(path, fetchJson(path));
  return cache.get(path);
};

// The shard holding a word: the longest key (three letters at most) it starts with.
function shardOf(word) {
  const chars = [...word];
  for (let n = Math.min(3, chars.length); n > 0; n--) {
    const key = chars.slice(0, n).join("");
    if (shardKeys.has(key)) return key;
  }
  return null;
}

function loadShard(key) {
  const hex = [...new TextEncoder().encode(key)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return cached(`shard/${hex}.json`);
}

// Postings are written as base-32 digits, least significant first: a letter from the first
// half of the alphabet ends a number, one from the second half says more digits follow.
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const DIGIT = new Map([...ALPHABET].map((c, i) => [c, i]));
function postingsOf(text) {
  const out = [];
  let value = 0;
  let scale = 1;
  for (const c of text) {
    const d = DIGIT.get(c);
    if (d === undefined) break;
    if (d < 32) {
      out.push(value + d * scale);
      value = 0;
      scale = 1;
    } else {
      value += (d - 32) * scale;
      scale *= 32;
    }
  }
  return out;
}

// The index words a query word stands for, with their postings: every word sharing its stem
// when the index has the word; otherwise the words it begins ("ferr" finds "ferry") and the
// words that, or whose stems, begin it with at most three letters more ("ferrying" and
// "ferries" find "ferry", whose stem is "ferri").
async function expand(word) {
  const key = shardOf(word);
  if (!key) return [];
  const shard = await loadShard(key);
  const stemOf = (w) => shard[w][0] || w;
  const length = (w) => [...w].length;
  let matches;
  if (Object.hasOwn(shard, word)) {
    const stem = stemOf(word);
    matches = (w) => stemOf(w) === stem;
  } else if (length(word) >= 3) {
    const begins = (p) => length(p) >= 3 && word.startsWith(p) && length(word) - length(p) <= 3;
    matches = (w) => w.startsWith(word) || begins(w) || begins(stemOf(w));
  } else {
    return [];
  }
  return Object.keys(shard).filter(matches).map((w) => [w, postingsOf(shard[w][1])]);
}

// Documents matching one query word, as document → weight, over all the words it stands for.
function weights(expanded) {
  const out = new Map();
  for (const [, postings] of expanded) {
    let doc = 0;
    for (let i = 0; i < postings.length; i += 2) {
      doc += postings[i];
      out.set(doc, (out.get(doc) || 0) + postings[i + 1]);
    }
  }
  return out;
}

// Ranked document numbers matching every query word (and the topic, if one is chosen), and
// the set of index words to mark in excerpts.
async function find(query, topicName) {
  const terms = [...new Set(words(query))];
  const expanded = await Promise.all(terms.map(expand));
  const marked = new Set(expanded.flat().map(([w]) => w));
  const perTerm = expanded.map(weights);
  if (perTerm.length === 0 || perTerm.some((m) => m.size === 0)) return { ranked: [], marked };
  const topicIndex = topicName ? summary.topics.indexOf(topicName) : -1;
  if (topicName && topicIndex < 0) return { ranked: [], marked };
  perTerm.sort((a, b) => a.size - b.size);
  const scores = [];
  for (const doc of perTerm[0].keys()) {
    if (!perTerm.every((m) => m.has(doc))) continue;
    if (topicIndex >= 0 && !summary.doc_topics[doc].includes(topicIndex)) continue;
    const norm = K1 * (1 - B + (B * summary.lengths[doc]) / averageLength);
    let score = 0;
    for (const m of perTerm) {
      const idf = Math.log(1 + (summary.docs - m.size + 0.5) / (m.size + 0.5));
      const tf = m.get(doc);
      score += (idf * tf * (K1 + 1)) / (tf + norm);
    }
    scores.push([doc, score]);
  }
  scores.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return { ranked: scores.map(([doc]) => doc), marked };
}

function element(tag, className, value) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (value !== undefined) el.textContent = value;
  return el;
}

// An excerpt of `text` around the densest run of marked words, as text and <mark> nodes (the
// text is never parsed as HTML).
function excerpt(text, marked) {
  const tokens = [...text.matchAll(WORD)];
  const hit = tokens.map((t) => marked.has(t[0].toLowerCase()));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    count += hit[i] ? 1 : 0;
    if (i >= EXCERPT_WORDS) count -= hit[i - EXCERPT_WORDS] ? 1 : 0;
    if (count > bestCount) {
      bestCount = count;
      best = Math.max(0, i - EXCERPT_WORDS + 1);
    }
  }
  // Start a few words before the first match of the window, so it reads in context.
  const firstHit = hit.indexOf(true, best);
  const start = firstHit < 0 ? 0 : Math.max(0, Math.min(best, firstHit - 5));
  const end = Math.min(tokens.length, start + EXCERPT_WORDS);
  const out = element("p", "snippet");
  if (tokens.length === 0) return out;
  const from = tokens[start].index;
  const to = tokens[end - 1].index + tokens[end - 1][0].length;
  if (start > 0) out.append("… ");
  let at = from;
  for (let i = start; i < end; i++) {
    if (!hit[i]) continue;
    out.append(text.slice(at, tokens[i].index), element("mark", "", tokens[i][0]));
    at = tokens[i].index + tokens[i][0].length;
  }
  out.append(text.slice(at, to));
  if (end < tokens.length) out.append(" …");
  return out;
}

// The text a result's page marks for excerpts (its standfirst and body); empty if the page
// cannot be fetched, so a result still shows without its excerpt.
async function pageText(url) {
  try {
    const response = await fetch(url);
    if (!response.ok) return "";
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const parts = [...page.querySelectorAll("[data-search-text]")];
    return (parts.length ? parts : [page.querySelector("main") || page.body]).map((e) => e.textContent.trim()).join("\n");
  } catch {
    return "";
  }
}

function result(item, text, marked) {
  const li = element("li", "search-result");
  const h = element("h2");
  const a = element("a", "", item.title || item.url);
  a.href = item.url;
  h.append(a);
  const meta = element("p", "meta");
  if (item.outlet) meta.append(element("span", "source", item.outlet), " · ");
  const time = element("time", "", item.date_display || "");
  time.dateTime = item.date || "";
  meta.append(time);
  li.append(h, meta, excerpt(text, marked));
  return li;
}

async function run() {
  const params = new URLSearchParams(location.search);
  const query = (params.get("q") || "").trim();
  input.value = query;
  topic.value = params.get("topic") || "";
  list.replaceChildren();
  if (!query) {
    status.textContent = "";
    return;
  }
  status.textContent = say("searching");
  try {
    const { ranked, marked } = await find(query, topic.value);
    const items = await Promise.all(
      ranked.slice(0, SHOWN).map(async (doc) => {
        // Documents are packed `summary.docs_per_file` to a file (see render/search/index.rs).
        const per = summary.docs_per_file;
        const item = (await cached(`doc/${Math.floor(doc / per)}.json`))[doc % per];
        return result(item, await pageText(item.url), marked);
      }),
    );
    list.replaceChildren(...items);
    const n = ranked.length;
    const shown = n > SHOWN ? say("search_best_shown", { count: SHOWN }) : "";
    status.textContent =
      n === 0 ? say("search_no_results", { query }) : say("search_results", { count: n, query, shown });
  } catch (error) {
    status.textContent = say("search_failed", { error: error.message });
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  params.set("q", input.value);
  if (topic.value) params.set("topic", topic.value);
  history.pushState(null, "", "?" + params.toString());
  run();
});
topic.addEventListener("change", () => form.requestSubmit());
window.addEventListener("popstate", run);
run();
