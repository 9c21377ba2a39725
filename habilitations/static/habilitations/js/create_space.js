/*
 * « Créer mon espace », step 2 (progressive enhancement: the server checks everything).
 * - The Ville list follows the Code postal (communes of La Poste's base, fetched as JSON).
 * - ENVOYER stays disabled until every required field and the captcha are filled.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-create-space]");
  if (!form) {
    return;
  }
  var postalCode = form.querySelector("#id_postal_code");
  var city = form.querySelector("#id_city");
  var submit = form.querySelector("[data-submit-when-filled]");

  function option(value, label) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    return element;
  }

  function fillCities(communes) {
    var previous = city.value;
    city.replaceChildren();
    if (communes.length === 0) {
      city.appendChild(option("", city.dataset.placeholder));
    } else {
      if (communes.length > 1) {
        city.appendChild(option("", "Choisissez la ville"));
      }
      communes.forEach(function (commune) {
        city.appendChild(option(commune.insee_code, commune.name));
      });
      if (communes.some(function (commune) { return commune.insee_code === previous; })) {
        city.value = previous;
      }
    }
    city.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function lookUpCities() {
    var code = postalCode.value.trim();
    if (!/^\d{5}$/.test(code)) {
      fillCities([]);
      return;
    }
    var url = form.dataset.communesUrl + "?code_postal=" + encodeURIComponent(code);
    city.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; })
      .then(function (communes) {
        city.removeAttribute("aria-busy");
        if (postalCode.value.trim() === code) {
          fillCities(communes);
        }
      });
  }

  function allFilled() {
    return Array.prototype.every.call(form.querySelectorAll("[required]"), function (field) {
      return field.value.trim() !== "";
    });
  }

  function updateSubmit() {
    submit.disabled = !allFilled();
  }

  if (postalCode && city && !postalCode.readOnly) {
    postalCode.addEventListener("input", lookUpCities);
    if (/^\d{5}$/.test(postalCode.value.trim()) && city.options.length <= 1) {
      lookUpCities();
    }
  }
  if (submit) {
    form.addEventListener("input", updateSubmit);
    form.addEventListener("change", updateSubmit);
    updateSubmit();
  }
})();
