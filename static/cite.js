// Cite this event: a Copy button beside each formatted citation. The citation is copied as HTML
// (so a word processor keeps its italics) and as plain text; where the asynchronous clipboard is
// missing or refused (an older browser, a page opened from a folder), the citation is selected
// and copied with the older copy command, and if that fails too it stays selected, for Ctrl+C.
// "Copied" (or what to do instead) is said in a live region beside the button. Without
// JavaScript there is no button: the citation is plain text to select.
(function () {
  "use strict";
  var blocks = document.querySelectorAll(".cite-this .citation");
  if (!blocks.length) return;

  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function fallback(node) {
    select(node);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function write(node) {
    var text = node.textContent.replace(/\s+/g, " ").trim();
    var clipboard = navigator.clipboard;
    if (!clipboard) return Promise.resolve(fallback(node));
    var copied;
    if (window.ClipboardItem && clipboard.write) {
      var item = new ClipboardItem({
        "text/html": new Blob([node.innerHTML], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      });
      copied = clipboard.write([item]).catch(function () { return clipboard.writeText(text); });
    } else {
      copied = clipboard.writeText(text);
    }
    return copied.then(function () { return true; }, function () { return fallback(node); });
  }

  // The words come from the page, in its language.
  var box = document.querySelector(".cite-this");
  function said(name, fallback) { return (box && box.getAttribute(name)) || fallback; }

  Array.prototype.forEach.call(blocks, function (block) {
    var citation = block.querySelector(".citation-text");
    var heading = block.querySelector("h3");
    if (!citation || !heading) return;
    var name = block.getAttribute("data-name") || heading.textContent;
    var tools = document.createElement("p");
    tools.className = "copy-tools";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = said("data-copy", "Copy");
    button.setAttribute("aria-label", said("data-copy-label", "Copy the {name} citation").replace("{name}", name));
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");  // polite: said after the button's own name
    tools.appendChild(button);
    tools.appendChild(status);
    block.insertBefore(tools, citation.nextSibling);

    var timer = 0;
    button.addEventListener("click", function () {
      status.textContent = "";
      write(citation).then(function (ok) {
        status.textContent = ok ? said("data-copied", "Copied") : said("data-selected", "Selected: press Ctrl+C (⌘C on a Mac) to copy");
        window.clearTimeout(timer);
        if (ok) timer = window.setTimeout(function () { status.textContent = ""; }, 4000);
      });
    });
  });
})();
