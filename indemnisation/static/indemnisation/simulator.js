// Shows the taux majoré question only for months where a majoré barème exists
// (data-majore-from, e.g. "2020-06"). Without JavaScript the question stays visible and the
// server ignores the answer for earlier months.
(function () {
  "use strict";
  var question = document.querySelector("[data-majore-from]");
  var month = document.getElementById("id_month");
  var year = document.getElementById("id_year");
  if (!question || !month || !year) {
    return;
  }
  var from = question.getAttribute("data-majore-from");
  var until = question.getAttribute("data-majore-until");

  function update() {
    if (!month.value || !year.value) {
      question.hidden = true;
      return;
    }
    var chosen = year.value + "-" + ("0" + month.value).slice(-2);
    question.hidden = chosen < from || (until !== "" && chosen > until);
  }

  month.addEventListener("change", update);
  year.addEventListener("change", update);
  update();
})();
