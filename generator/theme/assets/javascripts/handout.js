// The handout's "Print" button. One listener on the document, so it keeps working after
// Material's instant navigation swaps the page content.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-hb-print]")) {
    window.print();
  }
});
