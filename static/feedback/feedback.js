/* Feedback pages: progressive enhancement only. Without this file everything still works:
   the contact fields are simply always shown, and the receipt code is selectable text. */
(function () {
  "use strict";

  // Show the contact fields only once "I'd like a reply by e-mail" is ticked. The statement
  // that feedback is then no longer anonymous sits with the checkbox, so it is always visible.
  var wantsReply = document.getElementById("id_wants_reply");
  var contact = document.getElementById("contact-details");
  if (wantsReply && contact) {
    var hasErrors = contact.querySelector(".is-invalid") !== null;
    var sync = function () { contact.hidden = !wantsReply.checked && !hasErrors; };
    wantsReply.addEventListener("change", function () { hasErrors = false; sync(); });
    sync();
  }

  // A "Copy the code" button next to the receipt code. Its words come from the page
  // (data-copy-label, data-copied, data-selected), in the page's language.
  var code = document.querySelector("[data-copy-target]");
  if (code) {
    var words = code.dataset;
    var status = document.querySelector(".receipt-copy-status");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-primary";
    button.textContent = words.copyLabel;
    var say = function (text) { if (status) { status.textContent = text; } };
    var selectCode = function () {
      var range = document.createRange();
      range.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    };
    button.addEventListener("click", function () {
      var text = code.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { say(words.copied); },
          function () { selectCode(); say(words.selected); }
        );
      } else {
        selectCode();
        say(words.selected);
      }
    });
    code.insertAdjacentElement("afterend", button);
  }
})();
