/* The eligibility step before a call's form: as soon as an answer the call does not
   accept is chosen, the call's message shows and the way to the form hides; a right
   answer brings it back. Without JavaScript the server says the same once the answers
   are sent. A message the server showed (not eligible, or answers missing) takes the
   focus when the page opens. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-eligibility-step]").forEach(function (form) {
    var alert = document.getElementById(form.dataset.alert);
    var next = form.querySelector("[data-eligibility-continue]");
    var touched = {};
    function answers(name) {
      var values = [];
      var box = false;
      form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
        if (input.type === "checkbox" && input.value === "on") {
          box = true;
          values.push(input.checked ? "True" : "False");
          return;
        }
        if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
        if (input.value) { values.push(input.value); }
      });
      return box && !touched[name] ? [] : values;  // an untouched box is not an answer yet
    }
    function update(event) {
      if (event && event.target.name) { touched[event.target.name] = true; }
      var refused = false;
      form.querySelectorAll("[data-eligibility-field]").forEach(function (block) {
        var allowed = block.dataset.eligibleValues.split(",");
        refused = refused || answers(block.dataset.eligibilityField).some(function (value) {
          return allowed.indexOf(value) < 0;
        });
      });
      alert.hidden = !refused;
      next.hidden = refused;
    }
    form.addEventListener("change", update);
  });
  var shown = document.querySelector("[data-focus-on-load]");
  if (shown) { shown.focus(); }
})();
