/* The pipeline board: drag a card to another column (SortableJS, mouse and touch) or focus it and press
   ← / → (or its Move button); either opens the stage-move dialog. The dialog posts to the board's move
   route (htmx), whose answer puts every card where its project now is: in the new column, back in its own
   with 待签批, or snapped back with the reason shown. No inline script (CSP): data-* attributes only. */
(function () {
  "use strict";
  var modal, form, pending = null; // pending: {card, from, index, answered}

  function stages() {
    return Array.prototype.map.call(document.querySelectorAll("#board-move-stage option"), function (o) { return o.value; });
  }

  function openDialog(card, toStage, origin) {
    pending = { card: card, from: origin ? origin.from : null, index: origin ? origin.index : 0, answered: false, id: card.id };
    form.setAttribute("action", card.dataset.moveUrl);
    form.classList.remove("board-answered");
    document.getElementById("board-move-project").textContent = card.dataset.name;
    document.getElementById("board-move-stage").value = toStage;
    document.getElementById("board-move-comment").value = "";
    document.getElementById("board-move-feedback").innerHTML = "";
    modal.show();
  }

  function neighbour(card, step) {
    var list = stages();
    var index = list.indexOf(card.dataset.stage) + step;
    return index >= 0 && index < list.length ? list[index] : null;
  }

  function snapBack() {
    if (!pending || pending.answered || !pending.from) return;
    var card = pending.card;
    if (card.parentNode !== pending.from) {
      pending.from.insertBefore(card, pending.from.children[pending.index] || null);
    }
  }

  function makeSortable(root) {
    if (!window.Sortable) return;
    root.querySelectorAll(".board-cards").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "board",
        sort: false,
        draggable: ".board-card[data-movable]",
        filter: ".board-move-button",
        preventOnFilter: false,
        forceFallback: true, // pointer events: the same on a phone, a tablet and a mouse
        fallbackTolerance: 4,
        delay: 150,
        delayOnTouchOnly: true, // a short press before dragging: a swipe still scrolls the columns
        ghostClass: "board-ghost",
        chosenClass: "board-chosen",
        scroll: true,
        bubbleScroll: true,
        onEnd: function (event) {
          if (event.to === event.from) return;
          openDialog(event.item, event.to.dataset.stage, { from: event.from, index: event.oldIndex });
        },
      });
    });
  }

  function init() {
    var element = document.getElementById("board-move-modal");
    form = document.getElementById("board-move-form");
    if (!element || !form || !window.bootstrap) return;
    modal = window.bootstrap.Modal.getOrCreateInstance(element);
    var columns = document.getElementById("board-columns");
    makeSortable(columns);

    element.addEventListener("shown.bs.modal", function () { document.getElementById("board-move-comment").focus(); });
    element.addEventListener("hidden.bs.modal", function () {
      snapBack();
      var card = pending && document.getElementById(pending.id);
      pending = null;
      if (card) {
        card.focus();
        card.scrollIntoView({ block: "nearest", inline: "nearest" }); // on a phone: the column it landed in
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!pending) return;
      window.htmx.ajax("POST", form.getAttribute("action"), { source: form, target: "#board-move-feedback", swap: "innerHTML" });
    });

    // The refusals (400, 403) carry the reason and the board as it is: show them like an answer.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.target && event.detail.target.id === "board-move-feedback") {
        var status = event.detail.xhr.status;
        if (status === 400 || status === 403) {
          event.detail.shouldSwap = true;
          event.detail.isError = false;
        } else if (status === 404) {
          event.detail.shouldSwap = false;
          document.getElementById("board-move-feedback").textContent = columns.dataset.notFound;
        }
      }
    });

    document.body.addEventListener("htmx:afterSettle", function (event) {
      makeSortable(columns);
      if (!event.detail.target || event.detail.target.id !== "board-move-feedback" || !pending) return;
      var outcome = event.detail.target.querySelector("[data-board-outcome]");
      var kind = outcome ? outcome.dataset.boardOutcome : "";
      if (kind === "invalid") return; // the dialog stays open with its error
      pending.answered = true; // the board shows where the card is now
      if (kind === "moved" || kind === "pending") modal.hide();
      else form.classList.add("board-answered"); // refused: the reason stays on screen
    });

    columns.addEventListener("click", function (event) {
      var button = event.target.closest("[data-board-move]");
      if (!button) return;
      var card = button.closest(".board-card");
      openDialog(card, neighbour(card, 1) || neighbour(card, -1));
    });

    columns.addEventListener("keydown", function (event) {
      var card = event.target;
      if (!card.classList || !card.classList.contains("board-card")) return;
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      if (!card.dataset.movable) return;
      var stage = neighbour(card, event.key === "ArrowRight" ? 1 : -1);
      if (!stage) return;
      event.preventDefault();
      openDialog(card, stage);
    });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
