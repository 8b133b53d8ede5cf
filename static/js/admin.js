// Enhancements to the admin. Every page works without this file.
"use strict";

// The admin's autocomplete (Select2) names its combobox only by the value chosen, so an empty
// one has no name at all. Name it by the field's label as well, whenever Select2 draws one.
function labelAutocompletes() {
  document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
    const label = document.querySelector('label[for="' + select.id + '"]');
    const container = select.nextElementSibling;
    if (!label || !container) {
      return;
    }
    label.id = label.id || select.id + "-label";
    // The "remove all" cross sits directly in the list of chosen items, where only items may
    // be; it is a mouse shortcut (the keyboard removes items with Backspace), so hide it from
    // screen readers.
    container.querySelectorAll(".select2-selection__rendered > .select2-selection__clear")
      .forEach(function (cross) {
        cross.setAttribute("aria-hidden", "true");
      });
    const boxes = '[role="combobox"], [role="textbox"], [role="searchbox"], .select2-search__field';
    container.querySelectorAll(boxes).forEach(function (box) {
      const rendered = container.querySelector(".select2-selection__rendered");
      const names = [label.id];
      if (rendered && rendered.id) {
        names.push(rendered.id);
      }
      if (box.getAttribute("aria-labelledby") !== names.join(" ")) {
        box.setAttribute("aria-labelledby", names.join(" "));
      }
    });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  labelAutocompletes();
  new MutationObserver(labelAutocompletes).observe(document.body, {
    childList: true,
    subtree: true,
  });
});
