/* Show or hide a question live when it depends on an earlier answer on the same page.
   Progressive enhancement: without this script every question is shown with a hint, and the
   server discards answers to questions that do not apply. */
(function () {
  "use strict";
  document.querySelectorAll("[data-show-if]").forEach(function (block) {
    var name = block.getAttribute("data-show-if");
    var wanted = (block.getAttribute("data-show-if-values") || "").split(",");
    var inputs = document.querySelectorAll('input[name="' + name + '"]');
    if (!inputs.length) {
      return; // the condition is on an earlier page: the server already decided
    }
    function update() {
      var applies = Array.prototype.some.call(inputs, function (input) {
        return input.checked && wanted.indexOf(input.value) !== -1;
      });
      block.hidden = !applies;
    }
    inputs.forEach(function (input) {
      input.addEventListener("change", update);
    });
    update();
  });
})();
