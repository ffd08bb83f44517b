/* Conditional questions of a call's form: each [data-shown-when] block is shown only
   while the field it names has one of the values in data-shown-values. Without
   JavaScript every question is shown (the server ignores the ones whose condition is
   not met), so this only spares applicants the questions that do not concern them. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-defined-form]");
  if (!form) { return; }
  function answers(name) {
    var values = [];
    form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
      var block = input.closest("[data-shown-when]");
      if (block && block.hidden) { return; }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      if (input.type === "checkbox" && input.value === "on") { values.push("True"); return; }
      if (input.value) { values.push(input.value); }
    });
    return values;
  }
  function update() {
    form.querySelectorAll("[data-shown-when]").forEach(function (block) {
      var wanted = block.dataset.shownValues.split(",");
      var shown = answers(block.dataset.shownWhen).some(function (value) {
        return wanted.indexOf(value) >= 0;
      });
      block.hidden = !shown;
      var note = block.querySelector(".conditional-note");
      if (note) { note.hidden = true; }
    });
  }
  form.addEventListener("change", update);
  update();
})();
