// Copy buttons: <button data-copy="TEXT" data-copied="#status-id">. Seed 003: the code DI
// « peut être récupéré dans l'écran sur la DA (copier / coller) ». Loaded as a file (the
// CSP forbids inline scripts); without JavaScript the code stays selectable text.
(function () {
  "use strict";
  function announce(button, text) {
    var status = document.querySelector(button.getAttribute("data-copied"));
    if (status) {
      status.textContent = text;
    }
  }
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      var done = function () { announce(button, "Code copié : " + text); };
      var failed = function () {
        if (fallbackCopy(text)) { done(); } else {
          announce(button, "Copie impossible : sélectionnez le code et copiez-le.");
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        failed();
      }
    });
  });
})();
