// The respondents' pages. Without this script every page still works: each button saves the
// page first. With it, each answer is saved as it is given (a phone that locks or a tab that
// closes keeps them on the server), a conditional question on the same page shows only when its
// condition applies, and a second tap on «Send» is not sent.
(function () {
  "use strict";
  const form = document.getElementById("ln-answer-form");
  if (!form) return;
  const T = form.dataset;
  const status = document.getElementById("ln-save-status");
  const DELAY = 800;
  let timer = null;

  function say(text) { if (status) status.textContent = text; }

  function values(code) {
    const out = [];
    form.querySelectorAll('[name="q-' + CSS.escape(code) + '"]').forEach(function (el) {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.value) out.push(el.value.toLowerCase());
    });
    return out;
  }

  function conditions() {
    form.querySelectorAll("[data-show-if-code]").forEach(function (q) {
      const wanted = q.dataset.showIfValues.split("|").map(function (v) { return v.toLowerCase(); });
      const given = values(q.dataset.showIfCode);
      const show = given.some(function (v) { return wanted.indexOf(v) !== -1; });
      q.hidden = !show;
      const hint = q.querySelector(".ln-condition-hint");
      if (hint) hint.hidden = true;  // the script decides; the hint is for pages without it
    });
  }

  function payload() {
    const data = new FormData(form);
    data.set("action", "autosave");
    return data;
  }

  function save() {
    timer = null;
    const data = payload();
    say(T.saving);
    // Not form.action: the buttons are named "action", and that name hides the property.
    fetch(window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-Requested-With": "fetch", "Accept": "application/json"},
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) { return [r.status, body]; });
    }).then(function (result) {
      const body = result[1];
      if (body.saved) say(T.saved);
      else if (body.sent) say(T.sent);
      else if (body.error) say(body.error);
    }).catch(function () {
      say(T.offline);
    });
  }

  function later() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  form.addEventListener("change", function () { conditions(); later(); });
  form.addEventListener("input", function (e) { if (e.target.tagName === "TEXTAREA") later(); });
  // A phone that locks, a tab that is hidden or left: send what is waiting now, as a beacon,
  // which the browser delivers even while the page goes away.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "hidden" || !timer) return;
    clearTimeout(timer);
    timer = null;
    if (!(navigator.sendBeacon && navigator.sendBeacon(window.location.href, payload()))) save();
  });
  let sending = false;
  form.addEventListener("submit", function (e) {
    if (sending) { e.preventDefault(); return; }
    if (timer) { clearTimeout(timer); timer = null; }
    sending = true;  // the page's own submit carries every answer: nothing is lost by waiting
  });
  window.addEventListener("pageshow", function () { sending = false; });
  conditions();
  const errors = document.getElementById("ln-errors");
  if (errors) errors.focus();
})();
