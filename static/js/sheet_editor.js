/* Section editor of a fiche action (templates/actionsheets/section_edit.html). No inline script (CSP): everything
   hangs on data attributes. Without JavaScript the page still works: « Ajouter une ligne » is a submit button
   that re-renders the form with one more row, « Supprimer » is a checkbox read at save time. */
(function () {
  "use strict";

  var AUTOSAVE_DELAY = 2000;

  function announce(text) {
    var region = document.getElementById("editor-announcer");
    if (!region) {
      return;
    }
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 100);
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function totalForms(related) {
    return document.getElementById("id_" + related + "-TOTAL_FORMS");
  }

  // Rows added in place: the new row takes the next index; TOTAL_FORMS then counts the rows in the list.
  // The button is disabled during the request (hx-disabled-elt), so two clicks never give two rows one index.
  function setUpRows() {
    document.body.addEventListener("htmx:configRequest", function (event) {
      var button = event.detail.elt;
      if (!button.matches || !button.matches("[data-add-row]")) {
        return;
      }
      var total = totalForms(button.dataset.addRow);
      event.detail.parameters.index = total ? total.value : "0";
    });

    document.body.addEventListener("htmx:afterSwap", function (event) {
      var list = event.detail.target;
      if (!list || !list.matches("[data-rows]")) {
        return;
      }
      var related = list.dataset.rows;
      var rows = list.querySelectorAll("[data-editor-row]");
      var total = totalForms(related);
      if (total) {
        total.value = rows.length;
      }
      var fieldset = document.getElementById(related + "-rows");
      var empty = fieldset && fieldset.querySelector("[data-empty-rows]");
      if (empty) {
        empty.hidden = true;
      }
      var row = rows[rows.length - 1];
      if (!row) {
        return;
      }
      var legend = row.querySelector("legend");
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
      announce("Ligne ajoutée : " + (legend ? legend.textContent.trim() : "") + ". Elle sera enregistrée avec la section.");
      var form = list.closest("form");
      if (form) {
        form.dispatchEvent(new Event("change", {bubbles: true}));
      }
    });

    document.body.addEventListener("htmx:responseError", function (event) {
      if (event.detail.elt && event.detail.elt.matches("[data-add-row]")) {
        announce("La ligne n'a pas pu être ajoutée. Enregistrez la section, puis réessayez.");
        event.detail.elt.focus();
      }
    });

    // « Supprimer »: the row's fields are hidden while it is marked, and come back when it is unmarked.
    document.body.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches || !box.matches("[data-delete-row]")) {
        return;
      }
      markDeleted(box);
      announce(box.checked
        ? "Ligne marquée pour suppression : elle sera supprimée à l'enregistrement."
        : "La ligne sera gardée.");
    });
    document.querySelectorAll("[data-delete-row]:checked").forEach(markDeleted);
  }

  function markDeleted(box) {
    var row = box.closest("[data-editor-row]");
    if (!row) {
      return;
    }
    var fields = row.querySelector("[data-row-fields]");
    var note = row.querySelector("[data-row-deleted-note]");
    if (fields) {
      fields.hidden = box.checked;
    }
    if (note) {
      note.hidden = !box.checked;
    }
  }

  // Autosave: what is typed goes to the draft endpoint two seconds after typing stops, and right away when the
  // page is hidden or left (closed tab), so a timeout, a closed tab or an error loses nothing.
  function setUpAutosave(form) {
    var url = form.dataset.draftUrl;
    var status = document.getElementById("autosave-status");
    var timer = null;
    var dirty = false;
    var submitting = false;

    function payload() {
      var data = new FormData(form);
      var kept = new FormData();
      data.forEach(function (value, key) {
        if (typeof value === "string" && key !== "ajouter") {
          kept.append(key, value);
        }
      });
      return kept;
    }

    function clock() {
      var now = new Date();
      var minutes = now.getMinutes();
      return now.getHours() + " h " + (minutes < 10 ? "0" : "") + minutes;
    }

    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (!dirty || submitting) {
        return;
      }
      dirty = false;
      fetch(url, {
        method: "POST",
        body: payload(),
        credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken(form), "X-Requested-With": "fetch"}
      }).then(function (response) {
        if (response.status !== 204) {
          throw new Error(String(response.status));
        }
        if (status) {
          status.textContent = "Brouillon enregistré à " + clock();
        }
      }).catch(function () {
        dirty = true;
        if (status) {
          status.textContent = "Le brouillon n'a pas pu être enregistré : votre saisie reste dans la page, enregistrez la section.";
        }
      });
    }

    function schedule(event) {
      if (event && event.target && event.target.type === "file") {
        return;
      }
      dirty = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(save, AUTOSAVE_DELAY);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function () {
      submitting = true;
      window.clearTimeout(timer);
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && dirty && !submitting) {
        save();
      }
    });
    window.addEventListener("pagehide", function () {
      if (dirty && !submitting && navigator.sendBeacon) {
        dirty = false;
        navigator.sendBeacon(url, payload());
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-sheet-editor]");
    if (!form) {
      return;
    }
    setUpRows();
    setUpAutosave(form);
    var conflict = document.getElementById("conflict");
    if (conflict && !document.getElementById("error-summary")) {
      conflict.focus();
    } else if (window.location.hash === "#section-title") {
      // Arrived by « Section suivante »: keyboard and screen reader users start at the new section's heading.
      var heading = document.getElementById("section-title");
      if (heading) {
        heading.focus();
      }
    }
  });
})();
