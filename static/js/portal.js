/* Portal behaviours. No inline scripts anywhere (CSP): everything hangs on data attributes. */
(function () {
  "use strict";

  // Idle-session warning (RGAA 13.1.4): shown SESSION_WARNING seconds before expiry, extendable by keyboard.
  function setUpSessionWarning() {
    var body = document.body;
    var timeout = parseInt(body.dataset.sessionTimeout || "0", 10);
    var warning = parseInt(body.dataset.sessionWarning || "120", 10);
    var box = document.getElementById("session-warning");
    if (!timeout || !box) {
      return;
    }
    var form = document.getElementById("session-extend-form");
    var button = document.getElementById("session-extend-button");
    var text = document.getElementById("session-warning-text");
    var loginLink = box.querySelector(".session-login-link");
    var warnTimer = null;
    var expireTimer = null;

    function schedule() {
      window.clearTimeout(warnTimer);
      window.clearTimeout(expireTimer);
      warnTimer = window.setTimeout(show, Math.max(timeout - warning, 0) * 1000);
      expireTimer = window.setTimeout(expire, timeout * 1000);
    }

    function show() {
      box.hidden = false;
      button.focus();
    }

    function expire() {
      text.textContent = text.dataset.expiredText;
      form.hidden = true;
      loginLink.hidden = false;
      box.hidden = false;
      loginLink.focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: {"X-Requested-With": "fetch"}
      }).then(function (response) {
        if (!response.ok) {
          expire();
          return;
        }
        box.hidden = true;
        schedule();
      }).catch(expire);
    });

    // Any htmx exchange also renews the server session.
    document.body.addEventListener("htmx:afterRequest", schedule);
    schedule();
  }

  // Move focus to the error summary of a form that came back with errors.
  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpSessionWarning();
    focusErrorSummary();
  });
})();

/* Axis colours come from reference data; applied through the CSSOM (allowed by the CSP), never inline. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-axis-colour]").forEach(function (element) {
    element.style.borderLeftColor = element.dataset.axisColour;
  });
});
