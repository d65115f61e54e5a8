// Autosave for the final report's written parts (like static/js/workspace.js): every edit is
// kept in this browser (localStorage) until the server confirms it; a 409 shows the other
// person's text beside yours; a 401/403 (expired session) keeps the draft, and the next visit
// restores and saves it.
(function () {
  "use strict";
  const form = document.getElementById("final-form");
  if (!form) return;
  const T = form.dataset;
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const parts = Array.from(form.querySelectorAll(".ln-part[data-url]"));
  const timers = new Map();
  const inflight = new Set();
  const pending = new Map();
  const DELAY = 1500;

  const area = function (part) { return part.querySelector("textarea[name^='text-']"); };
  const key = function (part) { return "ln-final:" + part.dataset.draftKey; };
  function readDraft(part) {
    try { return JSON.parse(localStorage.getItem(key(part)) || "null"); } catch (e) { return null; }
  }
  function keepDraft(part, base) {
    if (base === undefined || base === null) {
      const old = readDraft(part);
      base = old ? old.base : Number(part.dataset.version);
    }
    try { localStorage.setItem(key(part), JSON.stringify({text: area(part).value, base: base, at: Date.now()})); } catch (e) {}
  }
  function dropDraft(part) { try { localStorage.removeItem(key(part)); } catch (e) {} }
  function status(part, text, cls) {
    const s = part.querySelector(".ln-save-status");
    s.textContent = text;
    s.className = "ln-save-status " + (cls || "");
  }
  function setVersion(part, version) {
    part.dataset.version = String(version);
    form.querySelector("input[name='v-" + part.dataset.key + "']").value = String(version);
  }
  function retry(part) {
    clearTimeout(timers.get(part));
    timers.set(part, setTimeout(function () { save(part); }, 10000));
  }

  async function save(part, base) {
    clearTimeout(timers.get(part));
    timers.delete(part);
    if (inflight.has(part)) { pending.set(part, base); return; }
    inflight.add(part);
    try { await saveNow(part, base); } finally {
      inflight.delete(part);
      if (pending.has(part)) { const next = pending.get(part); pending.delete(part); save(part, next); }
    }
  }

  async function saveNow(part, base) {
    if (base === undefined) base = Number(part.dataset.version);
    const sent = area(part).value;
    keepDraft(part, base);
    const body = new URLSearchParams({text: sent, base_version: String(base)});
    status(part, T.tSaving);
    let r;
    try {
      r = await fetch(part.dataset.url, {
        method: "POST", body: body, credentials: "same-origin", redirect: "manual",
        headers: {"X-CSRFToken": csrf, "X-Requested-With": "XMLHttpRequest"},
      });
    } catch (e) { status(part, T.tOffline, "text-danger"); retry(part); return; }
    if (r.status === 401 || r.status === 403 || r.type === "opaqueredirect") {
      status(part, T.tExpired, "text-danger");
      document.getElementById("ln-expired").hidden = false;
      return;
    }
    let data = {};
    try { data = await r.json(); } catch (e) {}
    const panel = part.querySelector(".ln-conflict");
    if (r.ok) {
      setVersion(part, data.version);
      if (area(part).value === sent) dropDraft(part);
      else { keepDraft(part, data.version); pending.set(part, undefined); }
      panel.hidden = true;
      part.querySelector(".ln-last-saved").textContent = data.last_saved;
      status(part, "· " + data.saved, "text-success");
    } else if (r.status === 409) {
      panel.querySelector(".ln-conflict-who").textContent = (data.updated_by || "–") + " – " + data.updated_at;
      panel.querySelector(".ln-conflict-theirs").innerHTML = data.their_html;
      panel.querySelector(".ln-conflict-text").value = data.text;
      panel.dataset.version = String(data.version);
      panel.hidden = false;
      status(part, T.tConflict, "text-danger");
    } else if (r.status === 400) {
      status(part, data.error || T.tFailed, "text-danger");
    } else {
      status(part, T.tFailed, "text-danger");
      retry(part);
    }
  }

  parts.forEach(function (part) {
    const field = area(part);
    const panel = part.querySelector(".ln-conflict");
    field.addEventListener("input", function () {
      keepDraft(part);
      status(part, T.tUnsaved);
      clearTimeout(timers.get(part));
      timers.set(part, setTimeout(function () { save(part); }, DELAY));
    });
    field.addEventListener("blur", function () { if (timers.has(part)) save(part); });
    part.querySelector(".ln-keep-mine").addEventListener("click", function (e) {
      e.preventDefault();
      save(part, Number(panel.dataset.version || part.dataset.version));
    });
    part.querySelector(".ln-use-theirs").addEventListener("click", function (e) {
      e.preventDefault();
      field.value = panel.querySelector(".ln-conflict-text").value;
      setVersion(part, Number(panel.dataset.version || part.dataset.version));
      dropDraft(part);
      panel.hidden = true;
      status(part, "");
    });
    const draft = readDraft(part);
    if (draft && draft.text !== field.value) {
      field.value = draft.text;
      status(part, T.tRestored);
      save(part, draft.base);
    } else if (draft) { dropDraft(part); }
  });
  window.addEventListener("beforeunload", function () { parts.forEach(function (p) { if (timers.has(p)) keepDraft(p); }); });
})();
