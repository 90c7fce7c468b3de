// DEV STUB ONLY: stands in for extension/reader/reader.js until it exists.
export function render(surface, article) {
  const doc = new DOMParser().parseFromString(article.content, 'text/html');
  const h = document.createElement('h1'); h.textContent = article.title;
  surface.replaceChildren(h, ...doc.body.childNodes);
}
