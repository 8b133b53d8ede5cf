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

  // A "Copy the code" button next to the receipt code.
  var code = document.querySelector("[data-copy-target]");
  if (code) {
    var status = document.querySelector(".receipt-copy-status");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-primary";
    button.textContent = "Copy the code";
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
          function () { say("Copied. Paste it somewhere safe."); },
          function () { selectCode(); say("The code is selected: press Ctrl+C (or Cmd+C) to copy it."); }
        );
      } else {
        selectCode();
        say("The code is selected: press Ctrl+C (or Cmd+C) to copy it.");
      }
    });
    code.insertAdjacentElement("afterend", button);
  }
})();
