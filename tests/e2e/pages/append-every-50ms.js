// Page script for the "busy page" e2e case: appends a numbered element to document.body every
// 50 ms, for as long as the page lives, the way live tickers and ad loaders keep growing a page.
// The test checks that none of these ever shows up in the reader view and that all of them are
// still in the page after the reader view is closed.
(() => {
  const APPEND_INTERVAL_MS = 50;
  let appendedCount = 0;
  setInterval(() => {
    appendedCount += 1;
    const node = document.createElement('div');
    node.className = 'e2e-appended';
    node.dataset.seq = String(appendedCount);
    node.textContent = `E2E-APPENDED-NODE ${appendedCount}`;
    document.body.appendChild(node);
  }, APPEND_INTERVAL_MS);
})();
