/*
 * Pickers (partners/picking.py, templates/includes/picker.html): turns each `.picker` into a WAI-ARIA 1.2
 * combobox with a listbox popup over the search endpoint (`data-picker-url`, JSON of at most 20 matches).
 * Chosen items become chips with a hidden input of the field's name and a « Retirer » button; a single picker
 * keeps one chip. Arrow keys move in the list, Enter chooses, Escape closes (then clears the text); a live
 * region announces the number of results. Without this script the server resolves the typed text by name.
 */
(function () {
  "use strict";

  var counter = 0;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function Picker(root) {
    counter += 1;
    this.root = root;
    this.url = root.getAttribute("data-picker-url");
    this.multiple = root.hasAttribute("data-picker-multiple");
    this.input = root.querySelector("input[type=text]");
    this.name = this.input.getAttribute("name");
    this.chips = root.querySelector(".picker-chips");
    this.listbox = element("ul", { id: this.input.id + "_liste", role: "listbox", class: "picker-listbox" });
    this.listbox.setAttribute("aria-label", "Suggestions");
    this.listbox.hidden = true;
    // aria-live rather than role=status: the page's own status messages stay the only « status » landmarks
    this.status = element("p", { class: "visually-hidden", "aria-live": "polite", "aria-atomic": "true" });
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.request = 0;
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("aria-controls", this.listbox.id);
    this.input.insertAdjacentElement("afterend", this.listbox);
    root.appendChild(this.status);
    this.chips.setAttribute("id", this.input.id + "_choix");
    this.chips.querySelectorAll("li").forEach(this.upgradeChip.bind(this));
    this.bind();
  }

  Picker.prototype.upgradeChip = function (item) {
    var box = item.querySelector("input[type=checkbox]");
    var label = item.querySelector("label").textContent;
    item.replaceWith(this.chip(box.value, label));
  };

  Picker.prototype.chip = function (value, label) {
    var item = element("li", { class: "picker-chip" });
    item.appendChild(element("span", {}, label));
    item.appendChild(element("input", { type: "hidden", name: this.name, value: value }));
    var button = element("button", { type: "button", class: "picker-remove", "aria-label": "Retirer « " + label + " »" });
    button.appendChild(element("span", { "aria-hidden": "true" }, "×"));
    button.addEventListener("click", this.remove.bind(this, item, label));
    item.appendChild(button);
    return item;
  };

  Picker.prototype.chosenValues = function () {
    return Array.prototype.map.call(this.chips.querySelectorAll("input[type=hidden]"), function (input) {
      return input.value;
    });
  };

  Picker.prototype.bind = function () {
    var self = this;
    // Typing is a search, not a change of the form (the fiche editor saves drafts on input and change):
    // the form hears of a choice only, by the change event that choose() and remove() send.
    this.input.addEventListener("change", function (event) {
      event.stopPropagation();
    });
    this.input.addEventListener("input", function (event) {
      event.stopPropagation();
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(self.fetch.bind(self), 200);
    });
    this.input.addEventListener("keydown", this.keydown.bind(this));
    this.input.addEventListener("blur", function () {
      window.setTimeout(self.close.bind(self), 150);
    });
    this.listbox.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep the focus in the input
    });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        self.choose(self.options.indexOf(option));
      }
    });
  };

  Picker.prototype.keydown = function (event) {
    var open = !this.listbox.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        this.fetch();
        return;
      }
      var step = event.key === "ArrowDown" ? 1 : -1;
      var count = this.options.length;
      if (count) {
        this.highlight(this.active < 0 && step < 0 ? count - 1 : (this.active + step + count) % count);
      }
    } else if (event.key === "Enter" && open && this.active >= 0) {
      event.preventDefault();
      this.choose(this.active);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        this.close();
      } else if (this.input.value) {
        event.preventDefault();
        this.input.value = "";
      }
    } else if (event.key === "Tab") {
      this.close();
    }
  };

  Picker.prototype.fetch = function () {
    var self = this;
    var request = ++this.request;
    var url = this.url + "?q=" + encodeURIComponent(this.input.value);
    window
      .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (request === self.request) {
          self.show(data);
        }
      })
      .catch(function () {
        self.status.textContent = "La recherche n'a pas abouti : réessayez.";
      });
  };

  Picker.prototype.show = function (data) {
    var self = this;
    var chosen = this.chosenValues();
    var results = data.results.filter(function (result) {
      return chosen.indexOf(result.value) < 0;
    });
    this.listbox.textContent = "";
    this.options = results.map(function (result, index) {
      var option = element("li", {
        id: self.listbox.id + "_" + index,
        role: "option",
        class: "picker-option",
        "aria-selected": "false",
        "data-value": result.value,
      }, result.label);
      self.listbox.appendChild(option);
      return option;
    });
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    var count = results.length;
    var message = count === 0 ? "Aucun résultat" : count === 1 ? "1 résultat" : count + " résultats";
    if (data.more) {
      message = "Plus de " + count + " résultats : précisez la recherche";
    }
    this.status.textContent = message + ".";
    if (count === 0) {
      this.close();
      return;
    }
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Picker.prototype.highlight = function (index) {
    this.options.forEach(function (option, position) {
      option.setAttribute("aria-selected", position === index ? "true" : "false");
      option.classList.toggle("active", position === index);
    });
    this.active = index;
    var option = this.options[index];
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  Picker.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Picker.prototype.choose = function (index) {
    var option = this.options[index];
    if (!option) {
      return;
    }
    var label = option.textContent;
    if (!this.multiple) {
      this.chips.textContent = "";
    }
    this.chips.appendChild(this.chip(option.getAttribute("data-value"), label));
    this.chips.hidden = false;
    this.input.value = "";
    this.close();
    this.status.textContent = "« " + label + " » choisi.";
    this.input.focus();
    this.changed();
  };

  Picker.prototype.remove = function (item, label) {
    var next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    this.chips.hidden = !this.chips.querySelector("li");
    this.status.textContent = "« " + label + " » retiré.";
    (next ? next.querySelector("button") : this.input).focus();
    this.changed();
  };

  Picker.prototype.changed = function () {
    this.root.dispatchEvent(new Event("change", { bubbles: true }));
  };

  function start() {
    document.querySelectorAll(".picker[data-picker-url]").forEach(function (root) {
      if (!root.hasAttribute("data-picker-ready")) {
        root.setAttribute("data-picker-ready", "");
        new Picker(root);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSettle", start); // pickers in rows added in place (the fiche editor)
})();
