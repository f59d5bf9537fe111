// Gazette search: filters search.json in the browser. Every word must match the headline,
// summary, source, topic or names of an article; case and accents are ignored.
(() => {
  const form = document.getElementById('search');
  const list = document.getElementById('results');
  const status = document.getElementById('search-status');
  if (!form || !window.fetch) return;
  const fold = (s) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  let index;
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  async function run(q) {
    if (!index) {
      const r = await fetch(form.dataset.index);
      index = (await r.json()).map((a) => ({ ...a, h: fold([a.t, a.m, a.s, a.o, a.k].join(' ')) }));
    }
    const words = fold(q).split(/\s+/).filter(Boolean);
    const hits = words.length ? index.filter((a) => words.every((w) => a.h.includes(w))) : [];
    list.replaceChildren(...hits.slice(0, 50).map((a) => {
      const li = el('li', 'card');
      const h = el('h2', 'card-title');
      const link = el('a', '', a.t);
      link.href = a.u;
      h.append(link);
      li.append(h, el('p', 'summary', a.m), el('p', 'meta', [a.s, a.d, a.o].filter(Boolean).join(' · ')));
      return li;
    }));
    status.textContent = words.length ? `${hits.length} ${hits.length === 1 ? 'article' : 'articles'} for “${q}”${hits.length > 50 ? ', the newest 50 shown' : ''}` : 'Type a word to search.';
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = form.q.value.trim();
    history.replaceState(null, '', q ? `?q=${encodeURIComponent(q)}` : location.pathname);
    run(q);
  });
  const q = new URLSearchParams(location.search).get('q');
  if (q) {
    form.q.value = q;
    run(q);
  }
})();
