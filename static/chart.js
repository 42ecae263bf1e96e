// Charts (overview/): when a mark is focused, bring its tip (its date and title, shown by CSS on
// focus and hover) wholly into the box the chart scrolls in. The browser scrolls a focused mark into
// view only as far as the mark itself, so a tip by the box's edge would be cut off. Without
// JavaScript the chart works the same; such a tip is then scrolled to by hand.
(function () {
  "use strict";
  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest && event.target.closest(".chart-plot a");
    var tip = mark && mark.querySelector(".tip");
    if (tip) tip.scrollIntoView({ block: "nearest", inline: "nearest" });
  });
})();
