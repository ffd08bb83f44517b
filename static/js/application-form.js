/* Live character counters for the application form. Without JavaScript the limit is
   still written under each field and enforced by the browser and the server. The
   sentences come translated from the page (data-left-many, data-left-one, data-over). */
(function () {
  "use strict";
  function sentence(counter, left) {
    if (left < 0) { return counter.dataset.over.replace("__COUNT__", -left); }
    if (left === 1) { return counter.dataset.leftOne; }
    return counter.dataset.leftMany.replace("__COUNT__", left);
  }
  document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
    var field = document.getElementById(counter.dataset.counterFor);
    if (!field) { return; }
    var limit = parseInt(field.dataset.counter, 10);
    function update() {
      var left = limit - field.value.length;
      counter.textContent = sentence(counter, left);
      counter.classList.toggle("fr-message--error", left < 0);
      counter.classList.toggle("fr-message--info", left >= 0);
    }
    field.addEventListener("input", update);
    update();
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
