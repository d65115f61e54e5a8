// Autosave for the team workspace. Nothing typed is lost: every keystroke is kept in this
// browser (localStorage) until the server confirms the save, so a lost connection, an expired
// session or a closed tab keeps the text; it is restored and saved on the next visit. A save is
// based on the version the page started from: if a teammate saved in between, the server
// answers 409 and both versions are shown.
(function () {
  "use strict";
  const form = document.getElementById("workspace-form");
  if (!form || form.dataset.readonly) return;
  const T = form.dataset;
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const blocks = Array.from(form.querySelectorAll(".ln-question[data-url]"));
  const timers = new Map();
  const DELAY = 2000;

  function fields(block) {
    const out = [];
    block.querySelectorAll("input, textarea, select").forEach(function (el) {
      if (!el.name || !el.name.startsWith("q-") || el.type === "file") return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      out.push([el.name, el.value]);
    });
    return out;
  }
  const key = function (block) { return "ln-draft:" + block.dataset.draftKey; };
  function keepDraft(block, base) {
    // `base`: the version this text was written on top of (an older one after a conflict).
    if (base === undefined || base === null) {
      let old = null;
      try { old = JSON.parse(localStorage.getItem(key(block)) || "null"); } catch (e) {}
      base = old ? old.base : Number(block.dataset.version);
    }
    try {
      localStorage.setItem(key(block), JSON.stringify({fields: fields(block), base: base, at: Date.now()}));
    } catch (e) { /* storage full or disabled: the server save still runs */ }
  }
  function dropDraft(block) { try { localStorage.removeItem(key(block)); } catch (e) {} }
  function status(block, text, cls) {
    const s = block.querySelector(".ln-save-status");
    s.textContent = text;
    s.className = "ln-save-status small " + (cls || "");
  }
  function setVersion(block, version) {
    block.dataset.version = String(version);
    const hidden = form.querySelector("input[name='v-" + block.dataset.question + "']");
    if (hidden) hidden.value = String(version);
  }
  function retry(block) {
    clearTimeout(timers.get(block));
    timers.set(block, setTimeout(function () { save(block); }, 10000));
  }

  // One save per answer at a time: a save started while another is on its way would be based on
  // the old version and conflict with the user's own previous save. It waits and runs after.
  const inflight = new Set();
  const pending = new Map();

  async function save(block, base) {
    clearTimeout(timers.get(block));
    timers.delete(block);
    if (inflight.has(block)) {
      pending.set(block, base);
      return;
    }
    inflight.add(block);
    try {
      await saveNow(block, base);
    } finally {
      inflight.delete(block);
      if (pending.has(block)) {
        const next = pending.get(block);
        pending.delete(block);
        save(block, next);
      }
    }
  }

  // The submit panel follows what is saved: what is still missing, or ready to submit.
  function showMissing(missing) {
    const box = document.getElementById("ln-submit-missing");
    const button = document.getElementById("ln-submit-button");
    if (!box || !button) return;
    const list = box.querySelector("ul");
    list.replaceChildren.apply(list, missing.map(function (text) {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }));
    box.hidden = missing.length === 0;
    document.getElementById("ln-submit-ready").hidden = missing.length > 0;
    button.disabled = missing.length > 0;
  }

  async function saveNow(block, base) {
    const sent = JSON.stringify(fields(block));
    keepDraft(block, base === undefined ? Number(block.dataset.version) : base);  // held until the server confirms
    const body = new URLSearchParams(fields(block));
    body.append("base_version", String(base === undefined ? block.dataset.version : base));
    status(block, T.tSaving);
    let r;
    try {
      r = await fetch(block.dataset.url, {
        method: "POST", body: body, credentials: "same-origin", redirect: "manual",
        headers: {"X-CSRFToken": csrf, "X-Requested-With": "XMLHttpRequest"},
      });
    } catch (e) { status(block, T.tOffline, "text-danger"); retry(block); return; }
    if (r.status === 401 || r.type === "opaqueredirect") {
      status(block, T.tExpired, "text-danger");
      document.getElementById("ln-expired").hidden = false;
      return;
    }
    let data = {};
    try { data = await r.json(); } catch (e) {}
    if (r.ok) {
      setVersion(block, data.version);
      // Typed more while this save was on its way? Keep that as a draft on the new version.
      if (JSON.stringify(fields(block)) === sent) dropDraft(block);
      else { keepDraft(block, data.version); pending.set(block, undefined); }
      block.querySelector(".ln-conflict").hidden = true;
      status(block, T.tSaved + " " + data.saved_at, "text-success");
      if (data.missing) showMissing(data.missing);
    } else if (r.status === 409) {
      const panel = block.querySelector(".ln-conflict");
      panel.querySelector(".ln-conflict-who").textContent = (data.updated_by || "") + " – " + data.updated_at;
      panel.querySelector(".ln-conflict-theirs").innerHTML = data.their_html;
      panel.dataset.version = data.version;
      panel.hidden = false;
      status(block, T.tUnsaved, "text-danger");
    } else if (r.status === 400 || r.status === 403) {
      status(block, data.error || T.tFailed, "text-danger");
    } else {
      status(block, T.tFailed, "text-danger");
      retry(block);
    }
  }

  function addRow(block) {
    const container = block.querySelector(".ln-rows");
    const rows = container.querySelectorAll(".ln-row");
    const last = rows[rows.length - 1];
    const copy = last.cloneNode(true);
    const index = rows.length;
    copy.querySelectorAll("[name], [id], [for]").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        const v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(/-(r|e)\d+-/, "-$1" + index + "-"));
      });
      if ("value" in el && el.type !== "checkbox" && el.type !== "radio") el.value = "";
    });
    const legend = copy.querySelector("legend");
    if (legend) legend.textContent = legend.textContent.replace(/\d+\s*$/, String(index + 1));
    last.parentNode.appendChild(copy);
    return copy;
  }

  function restore(block, draft) {
    draft.fields.forEach(function (pair) {
      let el = block.querySelector("[name='" + pair[0] + "']");
      for (let i = 0; !el && i < 50 && block.querySelector(".ln-rows"); i++) {
        addRow(block);
        el = block.querySelector("[name='" + pair[0] + "']");
      }
      if (!el) return;
      if (el.type === "checkbox" || el.type === "radio") {
        block.querySelectorAll("[name='" + pair[0] + "']").forEach(function (c) { if (c.value === pair[1]) c.checked = true; });
      } else { el.value = pair[1]; }
    });
  }

  blocks.forEach(function (block) {
    block.addEventListener("input", function () {
      keepDraft(block);
      status(block, T.tUnsaved);
      clearTimeout(timers.get(block));
      timers.set(block, setTimeout(function () { save(block); }, DELAY));
    });
    block.addEventListener("change", function () { keepDraft(block); save(block); });
    block.addEventListener("focusout", function (e) {
      if (timers.has(block) && !block.contains(e.relatedTarget)) save(block);
    });
    const add = block.querySelector(".ln-add-row");
    if (add) add.addEventListener("click", function () { addRow(block).querySelector("input, textarea").focus(); });
    block.querySelector(".ln-keep-mine").addEventListener("click", function () {
      save(block, Number(block.querySelector(".ln-conflict").dataset.version || block.dataset.version));
    });
    block.querySelector(".ln-use-theirs").addEventListener("click", function () {
      dropDraft(block);
      window.location.hash = "question-" + block.dataset.question;
      window.location.reload();
    });
    // A draft left from an earlier visit (lost connection, expired session): put it back and save.
    let draft = null;
    try { draft = JSON.parse(localStorage.getItem(key(block)) || "null"); } catch (e) {}
    if (draft) {
      restore(block, draft);
      status(block, T.tRestored);
      save(block, draft.base);
    }
  });
  // Server-side conflicts (from "Save all" without JavaScript) are resolved the same way.
  window.addEventListener("beforeunload", function () { blocks.forEach(function (b) { if (timers.has(b)) keepDraft(b); }); });
})();
