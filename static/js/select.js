// Long multiple choices (41 people for «Hovedansvar», every team) become a search as you type:
// Tom Select, vendored in static/vendor/tom-select. Without JavaScript the plain list remains,
// so the form works either way; the labels come from the select's data-t-* attributes.
(function () {
  "use strict";
  if (typeof TomSelect === "undefined") return;
  document.querySelectorAll("select[multiple][data-ln-search]").forEach(function (select) {
    const t = select.dataset;
    const label = select.labels && select.labels[0] ? select.labels[0].textContent.trim() : "";
    new TomSelect(select, {
      plugins: {remove_button: {title: t.tRemove}},
      placeholder: t.tPlaceholder,
      hidePlaceholder: true,
      maxOptions: null,
      closeAfterSelect: false,
      render: {
        no_results: function () {
          const div = document.createElement("div");
          div.className = "no-results";
          div.textContent = t.tNoResults;
          return div;
        },
      },
    });
    // The search box takes over the label; the hidden list keeps a name of its own.
    select.setAttribute("aria-label", label);
    select.setAttribute("aria-hidden", "true");
  });
})();
