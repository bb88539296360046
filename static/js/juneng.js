/* Juneng's small behaviours: the L shortcut opens 记一笔 (Log a contact) from any page. */
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
})();
