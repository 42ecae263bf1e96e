// On this day: the index opens at today. The day with events on today's date (in the reader's
// time zone) is marked and scrolled to; when today has none, the next day that has, round the
// year, and the status line says so in words ("No events on 7 December; next: 12 December").
// It stays in view, as the home page's year headings do, linking to the day's page. Without
// JavaScript the index is a plain list of days.
// 29 February counts only in a leap year, as in the anniversaries calendar.
(function () {
  "use strict";
  var list = document.getElementById("days");
  var status = document.getElementById("today-status");
  if (!list || !status) return;
  var days = Array.prototype.slice.call(list.querySelectorAll("li[data-day]"));  // in calendar order
  var months = (list.getAttribute("data-months") || "").split(" ");
  var now = new Date();
  var leap = new Date(now.getFullYear(), 1, 29).getDate() === 29;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  var today = pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var comes = days.filter(function (day) { return leap || day.getAttribute("data-day") !== "02-29"; });
  var found = comes.filter(function (day) { return day.getAttribute("data-day") >= today; })[0] || comes[0];
  if (!found) return;

  var link = found.querySelector("a");
  var label = found.querySelector(".day-label").textContent;
  var isToday = found.getAttribute("data-day") === today;
  var mark = document.createElement("span");
  mark.className = "day-mark";
  mark.textContent = said(isToday ? "data-today-mark" : "data-next-mark", {});
  var count = found.querySelector(".muted");
  count.appendChild(document.createTextNode(" "));
  count.appendChild(mark);
  found.classList.add("day-found");
  if (isToday) link.setAttribute("aria-current", "date");

  // The status line's words come from the page, in its language: "Today is {link}: {events}." or
  // "No events on {today}; next: {link} ({events})."; {link} becomes a link to the day's page.
  var to = document.createElement("a");
  to.href = link.href;
  to.textContent = label;
  var values = {events: count.firstChild.textContent, today: now.getDate() + " " + months[now.getMonth()]};
  var parts = said(isToday ? "data-today-words" : "data-next-words", values).split("{link}");
  status.textContent = parts[0];
  status.appendChild(to);
  status.appendChild(document.createTextNode(parts[1] || ""));

  function said(name, values) {
    return (status.getAttribute(name) || "").replace(/\{(events|today)\}/g, function (_, key) { return values[key]; });
  }
  if (!window.location.hash) found.scrollIntoView({block: "center"});
})();
