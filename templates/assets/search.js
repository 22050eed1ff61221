// The search page's script: Pagefind's JavaScript API over the index build.py writes into
// pagefind/. Every path comes from the page and is relative, so search works under any sub-path;
// the words come from the page too (data-* attributes), in its language.
const form = document.querySelector("form.search");
const input = form.querySelector("input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const words = form.dataset;

const pagefind = await import(new URL(words.bundle, document.baseURI).href).catch(() => null);
if (pagefind) {
  // Result URLs are site paths ("/en/114/…"): put them under the folder the site is served from.
  await pagefind.options({ baseUrl: new URL(words.site, document.baseURI).pathname });
} else {
  form.hidden = true; // a preview (build.py serve) or check has no index
  document.getElementById("search-unbuilt").hidden = false;
}

function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, name) => values[name]);
}

// Pagefind's excerpt is HTML with <mark> around the words found: keep only the text and the marks.
function excerpt(html) {
  const p = document.createElement("p");
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
  for (const node of parsed.childNodes) {
    const mark = node.nodeName === "MARK" ? document.createElement("mark") : null;
    if (mark) mark.textContent = node.textContent;
    p.append(mark || document.createTextNode(node.textContent));
  }
  return p;
}

function item(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  const year = document.createElement("span");
  year.className = "search-year";
  year.textContent = data.meta.year ? fill(words.year, { year: data.meta.year }) : "";
  li.append(link, " ", year, excerpt(data.excerpt));
  return li;
}

async function run(query) {
  const search = await pagefind.search(query);
  const found = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  list.replaceChildren(...found.map(item));
  const n = search.results.length;
  status.textContent = n === 0 ? words.none : fill(n === 1 ? words.foundOne : words.foundOther, { n: n.toLocaleString() });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  if (!pagefind || !query) return;
  history.replaceState(null, "", `?q=${encodeURIComponent(query)}`);
  run(query);
});

const asked = new URLSearchParams(location.search).get("q");
if (pagefind && asked) {
  input.value = asked;
  run(asked);
}
