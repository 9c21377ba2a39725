// Fiche établissement: offer the communes of the typed postal code as suggestions
// for the "Ville" field (the server checks the pair anyway).
(function () {
  "use strict";
  var postal = document.querySelector("input[data-communes]");
  var list = document.getElementById("communes-du-code-postal");
  if (!postal || !list) {
    return;
  }
  function refresh() {
    var code = postal.value.trim();
    if (!/^\d{5}$/.test(code)) {
      return;
    }
    fetch(list.dataset.url + "?code_postal=" + encodeURIComponent(code), {
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (communes) {
        list.replaceChildren();
        communes.forEach(function (commune) {
          var option = document.createElement("option");
          option.value = commune.name;
          list.appendChild(option);
        });
      })
      .catch(function () {});
  }
  postal.addEventListener("change", refresh);
  postal.addEventListener("input", refresh);
  refresh();
})();
