// Poll the report's status until it is done or failed, then show the download or the retry.
(function () {
  "use strict";
  const box = document.getElementById("ln-report");
  if (!box) return;
  const label = document.getElementById("ln-report-label");
  const bar = document.getElementById("ln-report-bar");
  const download = document.getElementById("ln-report-download");
  const error = document.getElementById("ln-report-error");
  const retry = document.getElementById("ln-report-retry");
  const note = document.getElementById("ln-report-note");
  let delay = 700;
  async function poll() {
    try {
      const r = await fetch(box.dataset.statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}});
      if (r.ok) {
        const s = await r.json();
        label.textContent = s.label;
        bar.style.width = s.progress + "%";
        bar.parentElement.setAttribute("aria-valuenow", String(s.progress));
        if (s.download) { download.href = s.download; download.hidden = false; retry.hidden = false; return; }
        if (s.error) { error.textContent = s.error; error.hidden = false; retry.hidden = false; return; }
        note.textContent = s.stalled || s.queued || "";
        note.hidden = !note.textContent;
        retry.hidden = !s.stalled;
      }
    } catch (e) { /* a lost connection: keep polling */ }
    delay = Math.min(delay * 1.5, 5000);
    setTimeout(poll, delay);
  }
  if (download.hidden && error.hidden) setTimeout(poll, delay);
})();
