/** Where the API serves {@link reviewPageScript}: same origin, for the review page's `script-src 'self'`. */
export const reviewPageScriptPath = '/assets/review-page.js';

/**
 * The review page's one script: it follows `GET /reviews/:id/events` (the stream the CLI follows)
 * and updates the progress bar and the status line of a running review; when the review's status
 * changes, or it ends, it reloads the page, which the server renders afresh with the findings and
 * coverage. The page reads the same without it (a reload link instead): it only adds liveness.
 */
export const reviewPageScript = `'use strict';
(function () {
  var root = document.querySelector('[data-events]');
  if (!root || typeof EventSource !== 'function') return;
  var initial = root.getAttribute('data-status');
  var live = document.getElementById('live');
  var bar = document.getElementById('progress');
  var stage = document.getElementById('stage');
  var source = new EventSource(root.getAttribute('data-events'));
  var said = '';
  var reload = function (delay) {
    source.close();
    setTimeout(function () { window.location.reload(); }, delay);
  };
  source.addEventListener('progress', function (event) {
    var review = JSON.parse(event.data);
    if (review.status !== initial) return reload(0);
    var c = review.counts;
    if (c && bar && c.chunks > 0) {
      bar.max = c.chunks;
      bar.value = c.chunksReviewed;
    }
    if (stage && review.stage) stage.textContent = review.stage;
    var text = c && c.chunks > 0
      ? c.chunksReviewed + ' of ' + c.chunks + ' chunks reviewed, ' + c.findings + (c.findings === 1 ? ' finding' : ' findings') + ' so far'
      : 'Waiting for the first progress';
    // Only real changes: a screen reader announces every change of a live region.
    if (live && text !== said) live.textContent = said = text;
  });
  source.addEventListener('end', function () { reload(0); });
  source.addEventListener('error', function () {
    // A closed stream (refused, or the API went away) is not retried by EventSource: reload later.
    if (source.readyState === EventSource.CLOSED) reload(10000);
  });
})();
`;
