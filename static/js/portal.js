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

    // Any htmx exchange also renews the server session, except a poll (an element marked data-poll refreshing
    // itself): the server does not count it as activity (partners.middleware.SessionMiddleware), nor do we.
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (!isPoll(event)) {
        schedule();
      }
    });
    schedule();
  }

  function isPoll(event) {
    var element = event.detail && event.detail.elt;
    return Boolean(element && element.hasAttribute && element.hasAttribute("data-poll"));
  }

  // A poll says so (header X-Portal-Poll), so that it does not keep an idle session alive.
  document.addEventListener("htmx:configRequest", function (event) {
    if (isPoll(event)) {
      event.detail.headers["X-Portal-Poll"] = "1";
    }
  });

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
