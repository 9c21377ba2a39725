/*
 * The error summary (RGAA 11.10): after a refused submission the focus goes to the
 * summary, so that a screen reader reads it first; each of its links puts the focus in
 * the field it names (a plain anchor only scrolls). Without JavaScript the summary and
 * its anchors still work.
 */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-link]");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.dataset.errorLink);
    if (!field) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector('label[for="' + field.id + '"]');
    (label || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
})();
