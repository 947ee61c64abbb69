/* collective.convocation: names what Plone's patterns draw without one.
   select2's « × » that removes a chosen value is an empty link: it gets the name « Retirer … ».
   The toolbar's history link shows only a date, drawn by a pattern: it is named « Historique ».
   A file field's input (id "<widget>-input") is named by its field's label, which points to "<widget>". */
(function () {
  "use strict";
  var french = document.documentElement.lang === "fr";
  var label = french ? "Retirer" : "Remove";
  var history = french ? "Historique" : "History";
  function name(root) {
    root.querySelectorAll(".select2-search-choice-close:not([aria-label])").forEach(function (link) {
      var choice = link.parentNode && link.parentNode.textContent.trim();
      link.setAttribute("aria-label", choice ? label + " " + choice : label);
    });
    root.querySelectorAll("#contentview-history > a:not([aria-label])").forEach(function (link) {
      link.setAttribute("aria-label", history);
    });
    root.querySelectorAll('input[type="file"][id$="-input"]:not([aria-labelledby])').forEach(function (input) {
      var widget = input.id.slice(0, -"-input".length);
      var fieldLabel = document.querySelector('label[for="' + widget + '"]');
      if (fieldLabel) {
        fieldLabel.id = fieldLabel.id || widget + "-label";
        input.setAttribute("aria-labelledby", fieldLabel.id);
      }
    });
  }
  function start() {
    name(document);
    new MutationObserver(function () {
      name(document);
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
