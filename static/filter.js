// Topic filter for the chronology: tick topics and the list narrows to events about any of them.
// The choice is kept in the address (?topics=energy,trade) so it can be shared and restored.
// Without JavaScript the form stays hidden (see .filter in style.css) and each topic tag links to
// its topic page; with it, a script in the page's head marks <html class="js"> before the first
// paint, so the form shows at once and nothing shifts. The eras bar follows the filter: each era's
// count is of the events shown, and an era with none shown leaves the bar.
(function () {
  "use strict";
  var form = document.getElementById("topic-filter");
  if (!form) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=topic]"));
  var events = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var status = document.getElementById("filter-status");
  var eras = Array.prototype.slice.call(document.querySelectorAll(".eras-bar li[data-era]"));

  function chosen() {
    return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  }

  function apply(topics) {
    var shown = 0;
    events.forEach(function (item) {
      var tags = (item.getAttribute("data-topics") || "").split(" ");
      var match = !topics.length || topics.some(function (topic) { return tags.indexOf(topic) !== -1; });
      item.hidden = !match;
      if (match) shown += 1;
    });
    // Hide the years and eras left empty.
    document.querySelectorAll("section.year, section.era").forEach(function (section) {
      section.hidden = !section.querySelector("li.event:not([hidden])");
    });
    eras.forEach(function (item) {
      var era = document.getElementById(item.getAttribute("data-era"));
      var section = era && era.closest("section.era");
      var count = section ? section.querySelectorAll("li.event:not([hidden])").length : 0;
      var label = item.querySelector(".era-count");
      label.textContent = topics.length ? String(count) : label.getAttribute("data-total");
      item.hidden = !count;
    });
    // The words come from the page, in its language: "{shown} of 233 events shown".
    status.textContent = topics.length ? status.getAttribute("data-words").replace("{shown}", String(shown)) : "";
  }

  function save(topics) {
    var url = new URL(window.location.href);
    if (topics.length) url.searchParams.set("topics", topics.join(","));
    else url.searchParams.delete("topics");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  var wanted = (new URL(window.location.href).searchParams.get("topics") || "").split(",");
  boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
  if (chosen().length) {  // a shared address with a choice; with none, the page is already as it should be
    document.getElementById("filter").open = true;
    apply(chosen());
  }

  form.addEventListener("change", function () {
    var topics = chosen();
    apply(topics);
    save(topics);
  });
  document.getElementById("filter-clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    apply([]);
    save([]);
  });
})();
