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
