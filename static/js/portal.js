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

/* Feedback on long work (issue 14): a form sent by POST (or marked data-busy) and a download link marked
   data-busy-download show that they are working (aria-busy, a spinner and « En cours… », also announced in a
   polite live region) and cannot be used twice. The button comes back when the page is shown again from the
   back-forward cache, after a download has started (the page stays), or if no answer ever comes. A form opts out
   with data-busy="off"; a form whose answer is a file says so with data-busy-download. */
(function () {
  "use strict";

  var BUSY_TEXT = "En cours…";
  var DOWNLOAD_RESET_MS = 3000;
  var NO_ANSWER_RESET_MS = 60000;
  var live = null;

  function announce(text) {
    if (live) {
      live.textContent = text;
    }
  }

  function showBusy(control) {
    if (control.hasAttribute("data-busy-label")) {
      return;
    }
    control.setAttribute("aria-busy", "true");
    if (control.tagName === "INPUT") {
      control.setAttribute("data-busy-label", control.value);
      control.value = BUSY_TEXT;
      return;
    }
    control.setAttribute("data-busy-label", control.innerHTML);
    var spinner = document.createElement("span");
    spinner.className = "spinner-border spinner-border-sm me-1";
    spinner.setAttribute("aria-hidden", "true");
    control.replaceChildren(spinner, document.createTextNode(BUSY_TEXT));
  }

  function endBusy(control) {
    var label = control.getAttribute("data-busy-label");
    if (label !== null) {
      if (control.tagName === "INPUT") {
        control.value = label;
      } else {
        control.innerHTML = label;
      }
      control.removeAttribute("data-busy-label");
    }
    control.removeAttribute("aria-busy");
    control.removeAttribute("aria-disabled");
    if (control.hasAttribute("data-busy-disabled")) {
      control.disabled = false;
      control.removeAttribute("data-busy-disabled");
    }
  }

  function endForm(form) {
    form.removeAttribute("aria-busy");
    form.querySelectorAll("[data-busy-label], [data-busy-disabled]").forEach(endBusy);
  }

  function endAll() {
    document.querySelectorAll("form[aria-busy]").forEach(endForm);
    document.querySelectorAll("a[data-busy-download][aria-busy]").forEach(endBusy);
    announce("");
  }

  function watches(form) {
    var busy = form.getAttribute("data-busy");
    if (busy === "off") {
      return false;
    }
    return busy !== null || (form.getAttribute("method") || "").toLowerCase() === "post";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !watches(form)) {
      return;  // htmx and the session warning send their own requests
    }
    if (form.getAttribute("aria-busy") === "true") {
      event.preventDefault();  // pressed twice: the first submission is on its way
      return;
    }
    form.setAttribute("aria-busy", "true");
    var button = event.submitter;
    if (button && button.tagName === "BUTTON") {
      showBusy(button);  // its label is not sent with the form: changed at once
    }
    announce(BUSY_TEXT);
    // After this turn, once the browser has read the form (the pressed button's name and value included).
    window.setTimeout(function () {
      form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]').forEach(function (b) {
        if (!b.disabled) {
          b.disabled = true;
          b.setAttribute("data-busy-disabled", "");
        }
      });
      if (button && button.tagName === "INPUT") {
        showBusy(button);
      }
    }, 0);
    var download = form.hasAttribute("data-busy-download");
    window.setTimeout(function () {
      endForm(form);
      announce(download ? "Téléchargement lancé." : "");
    }, download ? DOWNLOAD_RESET_MS : NO_ANSWER_RESET_MS);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-busy-download]") : null;
    if (!link) {
      return;
    }
    if (link.getAttribute("aria-busy") === "true") {
      event.preventDefault();
      return;
    }
    showBusy(link);
    link.setAttribute("aria-disabled", "true");
    announce(BUSY_TEXT);
    window.setTimeout(function () {
      endBusy(link);
      announce("Téléchargement lancé.");
    }, DOWNLOAD_RESET_MS);
  });

  // Back to this page from the next one (back-forward cache): nothing is on its way any more.
  window.addEventListener("pageshow", endAll);

  document.addEventListener("DOMContentLoaded", function () {
    live = document.createElement("div");
    live.id = "busy-status";
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");  // not role="status": the page's own messages keep that role
    live.setAttribute("aria-atomic", "true");
    document.body.appendChild(live);
  });
})();
