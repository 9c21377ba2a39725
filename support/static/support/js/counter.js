// Live character counter of the assistance form (CSP: no inline script).
// The textarea names its live region by data-counter; the region is polite, and is
// updated only when the count crosses a step so that screen readers are not flooded.
(function () {
  "use strict";
  function plural(n) { return n > 1 ? "s" : ""; }
  function setup(textarea) {
    var region = document.getElementById(textarea.dataset.counter);
    var max = parseInt(textarea.getAttribute("maxlength"), 10) || 1000;
    if (!region) { return; }
    var lastStep = null;
    function update() {
      var left = max - textarea.value.length;
      var text = left + " caractère" + plural(left) + " restant" + plural(left) + " sur " + max;
      var visual = region.querySelector("[data-counter-visual]");
      if (visual) { visual.textContent = text; } else { region.textContent = text; }
      var step = left <= 50 ? left : Math.floor(left / 100);
      var spoken = region.querySelector("[data-counter-spoken]");
      if (spoken && step !== lastStep) { spoken.textContent = text; }
      lastStep = step;
    }
    textarea.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("textarea[data-counter]").forEach(setup);
})();
