// Folded parts of a page (a team's members on the network's home page, a past month of the
// activity plan) are not rendered until someone opens them. A <details data-fragment> holds a link (data-fragment-link)
// to the same page with that part open; when the details opens, the part alone is fetched
// (X-Fragment) and put in place of the link. Without script the link opens the whole page.
(function () {
  "use strict";
  document.querySelectorAll("details[data-fragment]").forEach(function (details) {
    details.addEventListener("toggle", function () {
      var target = details.querySelector("[data-fragment-target]");
      var link = target && target.querySelector("a[data-fragment-link]");
      if (!details.open || !link || details.dataset.loading) {
        return;
      }
      details.dataset.loading = "1";
      fetch(link.href, { headers: { "X-Fragment": "1" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.text();
        })
        .then(function (html) {
          target.innerHTML = html;
        })
        .catch(function () {
          delete details.dataset.loading; // the link stays, and works without script
        });
    });
  });
})();
