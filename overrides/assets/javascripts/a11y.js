// Small accessibility repairs to Material's page frame, run on every page (instant
// navigation included):
// - the search dialog gets a name, so screen readers announce what opened;
// - a table or code block wider than the screen can be scrolled from the keyboard: it
//   joins the tab order (only when it actually overflows) and is named by its content.
(function () {
  "use strict";

  function repair() {
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(
      function (box) {
        if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", box.matches("code") ? "Code example" : "Table");
        }
      }
    );
  }

  // On load, and on each page Material's instant navigation swaps in without reloading
  // (its document$ does not emit for pages opened from file://, so both are needed).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", repair);
  } else {
    repair();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(repair);
  }
})();
