// Small accessibility repairs to Material's page frame, run on every page (instant
// navigation included):
// - the search dialog gets a name, so screen readers announce what opened;
// - a table or code block wider than the screen can be scrolled from the keyboard: it
//   joins the tab order (only when it actually overflows) and is named by its kind and the
//   heading above it, so no two regions share a name.
(function () {
  "use strict";

  // A region's name, unique on the page: its kind, the heading it sits under, and a number
  // when that heading holds more than one.
  function regionName(box, used) {
    var name = box.matches("code") ? "Code example" : "Table";
    var heading = null;
    document.querySelectorAll(".md-typeset h1, .md-typeset h2, .md-typeset h3").forEach(
      function (h) {
        if (h.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h;
      }
    );
    if (heading) {
      var text = "";
      heading.childNodes.forEach(function (node) {  // the ¶ permalink left out
        if (!(node.classList && node.classList.contains("headerlink"))) text += node.textContent;
      });
      name += ": " + text.trim();
    }
    used[name] = (used[name] || 0) + 1;
    return used[name] > 1 ? name + " (" + used[name] + ")" : name;
  }

  function repair() {
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    var used = {};
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(
      function (box) {
        if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", regionName(box, used));
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
