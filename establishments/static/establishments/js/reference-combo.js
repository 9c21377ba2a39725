// Fiche établissement: the NAF and IDCC inputs suggest the matching codes as one types,
// from a JSON look-up, in the input's <datalist> (the browser's own accessible list).
// Without this script the server still resolves a typed code or label words.
(function () {
  "use strict";
  document.querySelectorAll("input[data-reference-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    if (!list) {
      return;
    }
    function refresh() {
      var text = input.value.trim();
      if (text.length < 2 || text === asked || text.indexOf(" — ") !== -1) {
        return;
      }
      asked = text;
      fetch(input.dataset.referenceUrl + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (rows) {
          list.replaceChildren();
          rows.forEach(function (row) {
            var option = document.createElement("option");
            option.value = row.value;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 150);
    });
  });
})();
