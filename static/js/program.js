// Drag and drop to reorder sessions within one day and room. The ↑/↓ buttons do the same for
// keyboard users; both post to the same endpoint, so the server decides what a move means.
(function () {
  "use strict";
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  let dragged = null;
  document.querySelectorAll(".ln-session[draggable=true]").forEach(function (item) {
    item.addEventListener("dragstart", function (e) {
      dragged = item;
      e.dataTransfer.effectAllowed = "move";
      item.classList.add("opacity-50");
    });
    item.addEventListener("dragend", function () { item.classList.remove("opacity-50"); });
    item.addEventListener("dragover", function (e) {
      if (dragged && dragged !== item && dragged.dataset.group === item.dataset.group) e.preventDefault();
    });
    item.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!dragged || dragged.dataset.group !== item.dataset.group) return;
      const group = Array.from(item.parentElement.querySelectorAll(".ln-session"))
        .filter(function (el) { return el.dataset.group === item.dataset.group; });
      const from = group.indexOf(dragged), to = group.indexOf(item);
      if (from === to) return;
      const url = item.parentElement.dataset.moveUrlTemplate.replace("/0/move/", "/" + dragged.dataset.session + "/move/");
      const body = new URLSearchParams({direction: to < from ? "up" : "down", steps: String(Math.abs(to - from)), ajax: "1"});
      fetch(url, {method: "POST", body: body, headers: {"X-CSRFToken": token ? token.value : ""}, credentials: "same-origin"})
        .then(function () { window.location.reload(); });
    });
  });
})();
