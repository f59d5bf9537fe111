// Gazette's search page: queries the Pagefind index built with the site (in /pagefind/).
// Results show title, outlet, date and a snippet; the topic menu filters them. The query
// lives in the address (?q=…&topic=…), so a search can be bookmarked or shared.
const form = document.querySelector("form.search-form");
const input = document.getElementById("search-q");
const topic = document.getElementById("search-topic");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");

const pagefind = await import(form.dataset.bundle + "pagefind.js");
// Search on the page's own thread, as Pagefind did before it had a worker: a digest's index
// is small enough, and the page then needs no worker permission and behaves the same in
// every browser, headless ones included.
await pagefind.options({ noWorker: true });
await pagefind.init();

function text(tag, className, value) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.textContent = value;
  return el;
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
  status.textContent = "Searching…";
  const filters = topic.value ? { topic: topic.value } : {};
  const search = await pagefind.search(query, { filters });
  const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  for (const item of data) {
    const li = document.createElement("li");
    li.className = "search-result";
    const h = document.createElement("h2");
    const a = text("a", "", item.meta.title || item.url);
    a.href = item.url;
    h.append(a);
    const meta = document.createElement("p");
    meta.className = "meta";
    if (item.meta.outlet) meta.append(text("span", "source", item.meta.outlet), " · ");
    const time = text("time", "", item.meta.date_display || "");
    time.dateTime = item.meta.date || "";
    meta.append(time);
    const snippet = document.createElement("p");
    snippet.className = "snippet";
    // Pagefind's excerpt is escaped text with <mark> around the matches.
    snippet.innerHTML = item.excerpt;
    li.append(h, meta, snippet);
    list.append(li);
  }
  const n = search.results.length;
  status.textContent = n === 0 ? `No results for “${query}”.` : `${n} result${n === 1 ? "" : "s"} for “${query}”.`;
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
