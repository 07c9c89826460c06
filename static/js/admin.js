/* The portal's additions to Django's admin (issue 14, item 5): accessible names for the widgets the admin's own
   scripts build after the page loads.
   - The « filter » icons of the two-box multiple selects carry an aria-label on a plain span (ARIA forbids it):
     they become images (role="img"), which may have one.
   - Select2 (autocomplete fields): the combobox is named by the field's label and its current value; its value
     box loses role="textbox" and aria-readonly (a read-only text box with no name of its
     own). */
"use strict";

(function () {
  function labelId(select) {
    if (select.getAttribute("aria-label")) {
      return null;
    }
    const label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (!label) {
      return null;
    }
    if (!label.id) {
      label.id = select.id + "_label";
    }
    return label.id;
  }

  function nameSelect2(combobox) {
    const rendered = combobox.querySelector(".select2-selection__rendered");
    const select = combobox.closest(".select2-container").previousElementSibling;
    if (!select || select.tagName !== "SELECT") {
      return;
    }
    const ids = [labelId(select), rendered && rendered.id].filter(Boolean);
    if (select.getAttribute("aria-label")) {
      combobox.setAttribute("aria-label", select.getAttribute("aria-label"));
    }
    if (ids.length) {
      combobox.setAttribute("aria-labelledby", ids.join(" "));
    }
    if (rendered) {
      rendered.removeAttribute("role");
      rendered.removeAttribute("aria-readonly");
    }
  }

  function fix(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    root.querySelectorAll('.select2-selection[role="combobox"]').forEach(nameSelect2);
  }

  function start() {
    fix(document);
    new MutationObserver(function () {
      fix(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
