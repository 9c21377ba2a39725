/*
 * « Créer mon espace », step 2 (progressive enhancement: the server checks everything).
 * - The Ville list follows the Code postal (communes of La Poste's base, fetched as JSON);
 *   a CEDEX code unknown to that base offers the communes of its département, with a hint.
 *   Without JavaScript, the « Afficher les villes » button asks the server for the list.
 * - ENVOYER looks greyed until every required field and the captcha are filled (seed 002),
 *   but stays reachable by the keyboard: activated early, it lists what is missing, each
 *   item a link to its field, instead of doing nothing.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-create-space]");
  if (!form) {
    return;
  }
  var postalCode = form.querySelector("#id_postal_code");
  var city = form.querySelector("#id_city");
  var cityHint = form.querySelector("#aide-ville");
  var submit = form.querySelector("[data-submit-when-filled]");
  var missingBox = form.querySelector("#champs-manquants");
  var communesButton = form.querySelector("[data-communes-button]");

  if (communesButton) {
    communesButton.remove(); // the list follows the typed code by itself
  }

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
    if (cityHint) {
      var fallback = communes.length > 0 && communes[0].fallback;
      cityHint.textContent = fallback ? cityHint.dataset.cedexHint : "";
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

  function labelOf(field) {
    var label = form.querySelector('label[for="' + field.id + '"]');
    if (!label) {
      return field.name;
    }
    var text = "";
    label.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        text += node.textContent;
      }
    });
    return text.replace("*", "").trim() || label.textContent.trim();
  }

  function isFilled(field) {
    if (field.value.trim() !== "") {
      return true;
    }
    // The captcha's copied code, or its alternative (the operation's result).
    var alternative = field.dataset.alternative && document.getElementById(field.dataset.alternative);
    return Boolean(alternative && alternative.value.trim() !== "");
  }

  function missingFields() {
    return Array.prototype.filter.call(form.querySelectorAll("[required]"), function (field) {
      return !isFilled(field);
    });
  }

  function updateSubmit() {
    var missing = missingFields().length > 0;
    submit.setAttribute("aria-disabled", missing ? "true" : "false");
    submit.classList.toggle("apart-btn--inactive", missing);
    if (!missing) {
      missingBox.hidden = true;
    }
  }

  function listMissing(fields) {
    missingBox.replaceChildren();
    var title = document.createElement("p");
    title.className = "fr-mb-1w";
    title.textContent = fields.length === 1
      ? "Il reste un champ obligatoire à renseigner :"
      : "Il reste " + fields.length + " champs obligatoires à renseigner :";
    var list = document.createElement("ul");
    fields.forEach(function (field) {
      var link = document.createElement("a");
      link.href = "#" + field.id;
      link.textContent = labelOf(field);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        field.focus();
      });
      var item = document.createElement("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    missingBox.append(title, list);
    missingBox.className = "fr-alert fr-alert--warning fr-alert--sm fr-mb-3w";
    missingBox.hidden = false;
    missingBox.focus();
  }

  if (postalCode && city && !postalCode.readOnly) {
    postalCode.addEventListener("input", lookUpCities);
    if (/^\d{5}$/.test(postalCode.value.trim()) && city.options.length <= 1) {
      lookUpCities();
    }
  }
  if (submit && missingBox) {
    form.addEventListener("input", updateSubmit);
    form.addEventListener("change", updateSubmit);
    form.addEventListener("submit", function (event) {
      var missing = missingFields();
      if (missing.length > 0) {
        event.preventDefault();
        listMissing(missing);
      }
    });
    updateSubmit();
  }
})();
