// Save each questionnaire answer as it changes, and warn before leaving with unsaved changes.
// Progressive enhancement: without this script the form's buttons save everything server side.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.JSON) { return; }
  var url = form.getAttribute("data-autosave");
  var token = form.querySelector("input[name=csrf_token]").value;
  var dirty = {};      // question id -> true while its latest change is not stored
  var timers = {};
  var submitting = false;

  function questionOf(element) {
    var match = /^[qjnk]-(.+)$/.exec(element.name || "");
    return match ? match[1] : null;
  }

  function field(prefix, id) {
    return form.querySelector("[name='" + prefix + "-" + CSS.escape(id) + "']");
  }

  function status(id, key, failed) {
    var element = document.getElementById("status-" + id);
    if (!element) { return; }
    element.textContent = form.getAttribute("data-msg-" + key) || key;
    element.classList.toggle("text-danger", !!failed);
    element.classList.toggle("text-body-secondary", !failed);
  }

  function payload(id) {
    var chosen = form.querySelector("input[name='q-" + CSS.escape(id) + "']:checked");
    var justification = field("j", id), note = field("n", id), confirmed = field("k", id);
    return {
      question: id,
      value: chosen ? chosen.value : null,
      justification: justification ? justification.value : "",
      note: note ? note.value : "",
      fingerprint: field("f", id).value,
      confirmed: confirmed ? confirmed.checked : false
    };
  }

  function save(id) {
    clearTimeout(timers[id]);
    status(id, "saving");
    var sent = payload(id);
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token},
      body: JSON.stringify(sent)
    }).then(function (response) {
      return response.json().then(function (body) { return {ok: response.ok, body: body}; });
    }).then(function (result) {
      if (result.ok && result.body.saved) {
        field("f", id).value = result.body.fingerprint;
        var now = payload(id);
        // Typed again while the request was on its way: that newer text is still unsaved.
        if (now.value === sent.value && now.note === sent.note && now.justification === sent.justification) {
          delete dirty[id];
          status(id, "saved");
        } else {
          schedule(id, 0);
        }
      } else {
        var element = document.getElementById("status-" + id);
        status(id, "failed", true);
        if (element && result.body && result.body.message) { element.textContent = result.body.message; }
      }
    }).catch(function () { status(id, "failed", true); });
  }

  function schedule(id, delay) {
    dirty[id] = true;
    clearTimeout(timers[id]);
    timers[id] = setTimeout(function () { save(id); }, delay);
  }

  form.addEventListener("change", function (event) {
    var id = questionOf(event.target);
    if (id) { schedule(id, 0); }
  });
  form.addEventListener("input", function (event) {
    var id = questionOf(event.target);
    if (id && event.target.tagName === "TEXTAREA") { schedule(id, 1200); }
  });
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || Object.keys(dirty).length === 0) { return; }
    event.preventDefault();
    event.returnValue = "";  // browsers show their own wording
  });
}());
