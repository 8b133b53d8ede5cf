/* Show an "other, please specify" box only while its choice is ticked. Progressive enhancement:
   without this script every box is shown under its choice, and the server keeps a box's text
   only when its choice was chosen. A box with text or an error stays visible. */
(function () {
  "use strict";
  document.querySelectorAll("[data-other-for]").forEach(function (box) {
    var option = document.getElementById(box.getAttribute("data-other-for"));
    if (!option) {
      return;
    }
    var field = box.querySelector("input, textarea");
    var inputs = document.querySelectorAll('input[name="' + option.name + '"]');
    function update() {
      var keep = option.checked || (field && field.value) || box.querySelector(".is-invalid");
      box.hidden = !keep;
    }
    inputs.forEach(function (input) {
      input.addEventListener("change", update);
    });
    update();
  });
})();
