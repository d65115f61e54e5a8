// A calendar button next to every date field (core.widgets.DateInput and the workspace's date
// answers, marked data-date-input; the attribute holds the button's label). The field stays a text
// field showing dd.mm.åååå whatever the browser's language; the button opens the browser's own
// calendar through a hidden <input type=date> and writes the chosen day back as dd.mm.åååå, with
// input and change events so autosave notices. Without script, or in a browser without
// showPicker(), the text field alone works. Listeners sit on the document, so a row copied by
// workspace.js (button and hidden input included) works too.
(function () {
  "use strict";
  if (!("showPicker" in HTMLInputElement.prototype)) return;
  const SVG = "http://www.w3.org/2000/svg";

  function toIso(text) {
    const no = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
    if (no) return no[3] + "-" + no[2].padStart(2, "0") + "-" + no[1].padStart(2, "0");
    const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
    return iso ? iso[1] + "-" + iso[2] + "-" + iso[3] : "";
  }
  function fromIso(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m ? m[3] + "." + m[2] + "." + m[1] : "";
  }

  function icon() {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    [["rect", {x: "1.5", y: "3", width: "13", height: "11.5", rx: "1.5"}],
     ["path", {d: "M1.5 6.5h13M5 1.5v3M11 1.5v3M4.5 9h2M9.5 9h2M4.5 11.5h2"}]].forEach(function (spec) {
      const el = document.createElementNS(SVG, spec[0]);
      Object.keys(spec[1]).forEach(function (k) { el.setAttribute(k, spec[1][k]); });
      el.setAttribute("fill", "none");
      el.setAttribute("stroke", "currentColor");
      el.setAttribute("stroke-width", "1.3");
      svg.appendChild(el);
    });
    return svg;
  }

  function enhance(input) {
    if (input.readOnly || input.disabled || input.closest(".ln-date")) return;
    const group = document.createElement("div");
    group.className = "input-group ln-date";
    input.parentNode.insertBefore(group, input);
    group.appendChild(input);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary ln-date-button";
    if (input.classList.contains("form-control-sm")) button.classList.add("btn-sm");
    button.setAttribute("aria-label", input.dataset.dateInput || "Velg dato");
    button.title = button.getAttribute("aria-label");
    button.appendChild(icon());
    const picker = document.createElement("input");
    picker.type = "date";
    picker.className = "ln-date-picker";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    group.append(picker, button);  // the button last: Bootstrap rounds the last corners
  }

  document.querySelectorAll("input[data-date-input]").forEach(enhance);

  document.addEventListener("click", function (e) {
    const button = e.target.closest(".ln-date-button");
    if (!button) return;
    const group = button.closest(".ln-date");
    const picker = group.querySelector(".ln-date-picker");
    picker.value = toIso(group.querySelector("input[data-date-input]").value);
    try { picker.showPicker(); } catch (err) { group.querySelector("input[data-date-input]").focus(); }
  });
  // The hidden input's own events stop here (captured on the document): autosave listens to the
  // text field, which gets its events once the day is written into it.
  ["input", "change"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      const picker = e.target;
      if (!(picker instanceof HTMLInputElement) || !picker.classList.contains("ln-date-picker")) return;
      e.stopPropagation();
      if (type !== "change" || !picker.value) return;
      const input = picker.closest(".ln-date").querySelector("input[data-date-input]");
      input.value = fromIso(picker.value);
      input.dispatchEvent(new Event("input", {bubbles: true}));
      input.dispatchEvent(new Event("change", {bubbles: true}));
      input.focus();
    }, true);
  });
})();
