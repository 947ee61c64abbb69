/* collective.convocation: names what Plone's patterns draw without one.
   select2's « × » that removes a chosen value is an empty link: it gets the name « Retirer … ». */
(function () {
  "use strict";
  var label = document.documentElement.lang === "fr" ? "Retirer" : "Remove";
  function name(root) {
    root.querySelectorAll(".select2-search-choice-close:not([aria-label])").forEach(function (link) {
      var choice = link.parentNode && link.parentNode.textContent.trim();
      link.setAttribute("aria-label", choice ? label + " " + choice : label);
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
