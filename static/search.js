// Start Pagefind's search box; without JavaScript (or without the index, as in the preview)
// the page keeps its links to the topic, era, person and source indexes.
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  if (typeof PagefindUI === "undefined") return;
  // Its words are the page's, in the edition's language (Pagefind has none for Urdu); each
  // edition's pages are in an index of their own language, chosen by <html lang>.
  var words = JSON.parse(document.getElementById("search").getAttribute("data-words") || "{}");
  // One result per page, with its date and kind as tags (from data-pagefind-meta), no sub-results.
  new PagefindUI({ element: "#search", showSubResults: false, showImages: false, resetStyles: false, translations: words });
  document.getElementById("search-fallback").hidden = true;
  // Pagefind's box has only a placeholder: give it a name assistive technology announces.
  (function name() {
    var box = document.querySelector("#search input");
    if (box) box.setAttribute("aria-label", words.search_label || "Search the chronology");
    else window.requestAnimationFrame(name);
  })();
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    var input = document.querySelector("#search input");
    if (input) {
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }
});
