/* Juneng's small behaviours, loaded on every signed-in page (the Content-Security-Policy allows no inline
   script or on* attribute, so pages mark elements with data-* attributes and this file acts on them):
   - the L shortcut opens 记一笔 (Log a contact) from any page; / or Ctrl+K opens the search;
   - [data-print] prints the page, [data-submit-on-change] submits its form when changed;
   - search boxes that pick one object (core/autocomplete.py): ask the server while typing, list the
     options, arrow keys / Enter / Escape, write the picked pk into the hidden input and fire `change`. */
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "l" && event.key !== "L") return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var button = document.getElementById("log-button");
    if (button && !document.body.classList.contains("modal-open")) {
      event.preventDefault();
      button.click();
    }
  });

  // The global search: "/" or Ctrl+K (⌘K) opens it from any page; ↑ ↓ move through the results.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    var slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    var ctrlK = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey;
    if (!(slash || ctrlK) || event.isComposing) return;
    var button = document.getElementById("search-button");
    if (!button || document.body.classList.contains("modal-open")) return;
    event.preventDefault();
    button.click();
  });
  document.addEventListener("shown.bs.modal", function (event) {
    if (event.target.id === "search-modal") document.getElementById("search-q").focus();
  });
  document.addEventListener("keydown", function (event) {
    var modal = event.target.closest && event.target.closest("#search-modal");
    if (!modal || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
    var results = Array.prototype.slice.call(modal.querySelectorAll("[data-search-result]"));
    if (!results.length) return;
    event.preventDefault();
    var index = results.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? Math.min(index + 1, results.length - 1) : index - 1;
    (next < 0 ? document.getElementById("search-q") : results[next]).focus();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-submit-on-change]") && event.target.form) event.target.form.requestSubmit();
  });

  function parts(element) {
    var box = element.closest("[data-autocomplete]");
    if (!box) return null;
    return {
      box: box,
      input: box.querySelector("[data-autocomplete-input]"),
      value: box.querySelector("[data-autocomplete-value]"),
      options: box.querySelector("[data-autocomplete-options]"),
    };
  }

  function show(p, visible) {
    p.options.hidden = !visible;
    p.input.setAttribute("aria-expanded", visible ? "true" : "false");
  }

  var timers = new WeakMap();
  var asked = new WeakMap();

  function load(p) {
    var query = p.input.value.trim();
    var url = p.box.dataset.url + (p.box.dataset.url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
    asked.set(p.box, url);
    fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (asked.get(p.box) !== url) return; // a later keystroke asked again
        p.options.innerHTML = html;
        show(p, document.activeElement === p.input || p.box.contains(document.activeElement));
      });
  }

  function addChip(p, option) {
    var chips = p.box.querySelector("[data-autocomplete-chips]");
    var value = option.dataset.value;
    if (chips.querySelector('input[value="' + CSS.escape(value) + '"]')) return;
    var chip = document.createElement("span");
    chip.className = "badge text-bg-light border d-inline-flex align-items-center gap-1 fw-normal";
    chip.setAttribute("data-autocomplete-chip", "");
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = p.box.dataset.name;
    hidden.value = value;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn-close btn-close-sm";
    remove.setAttribute("data-autocomplete-remove", "");
    remove.setAttribute("aria-label", (p.box.dataset.removeLabel || "Remove") + " " + option.dataset.label);
    chip.append(hidden, document.createTextNode(option.dataset.label), remove);
    chips.append(chip);
  }

  function close(p) {
    asked.set(p.box, null); // an answer still on its way is dropped
    show(p, false);
    p.box.dataset.picked = "1"; // focusing the box again does not reopen the list
    p.input.focus();
  }

  function pick(p, option) {
    if (p.box.hasAttribute("data-multiple")) {
      addChip(p, option);
      p.input.value = "";
      p.options.innerHTML = "";
      close(p);
      return;
    }
    var changed = p.value.value !== option.dataset.value;
    p.value.value = option.dataset.value;
    p.input.value = option.dataset.label;
    close(p);
    if (changed) p.value.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("input", function (event) {
    if (!event.target.matches("[data-autocomplete-input]")) return;
    var p = parts(event.target);
    delete p.box.dataset.picked;
    if (p.value && p.value.value) { // typing replaces the previous choice
      p.value.value = "";
      p.value.dispatchEvent(new Event("change", { bubbles: true }));
    }
    clearTimeout(timers.get(p.box));
    timers.set(p.box, setTimeout(function () { load(p); }, 250));
  });

  document.addEventListener("focusin", function (event) {
    if (!event.target.matches("[data-autocomplete-input]")) return;
    var p = parts(event.target);
    if (p.box.dataset.picked) { delete p.box.dataset.picked; return; }
    if (!p.options.innerHTML.trim()) load(p);
    else show(p, true);
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-autocomplete-option]");
    if (option) { pick(parts(option), option); return; }
    var remove = event.target.closest("[data-autocomplete-remove]");
    if (remove) { remove.closest("[data-autocomplete-chip]").remove(); return; }
    document.querySelectorAll("[data-autocomplete]").forEach(function (box) {
      if (!box.contains(event.target)) show(parts(box.firstElementChild), false);
    });
  });

  document.addEventListener("keydown", function (event) {
    var p = event.target.closest && parts(event.target);
    if (!p || !p.box.contains(event.target)) return;
    var options = Array.prototype.slice.call(p.options.querySelectorAll("[data-autocomplete-option]"));
    var index = options.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      show(p, true);
      var next = event.key === "ArrowDown" ? Math.min(index + 1, options.length - 1) : index - 1;
      (next < 0 ? p.input : options[next]).focus();
    } else if (event.key === "Enter" && index >= 0) {
      event.preventDefault();
      pick(p, options[index]);
    } else if (event.key === "Enter" && event.target === p.input && options.length === 1) {
      event.preventDefault(); // one match: Enter takes it
      pick(p, options[0]);
    } else if (event.key === "Escape" && !p.options.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close(p);
    }
  });
})();

// A button with data-confirm asks before it submits its form (deleting a planned visit …).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
});
