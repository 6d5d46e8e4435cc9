// A page that waits for a worker reloads itself every few seconds while the visitor lets it
// (WCAG 2.2.1: a "Stop" button turns it off). Without JavaScript the "Refresh now" link remains.
(function () {
  "use strict";
  document.querySelectorAll("[data-auto-refresh]").forEach(function (box) {
    var seconds = parseInt(box.getAttribute("data-auto-refresh"), 10) || 5;
    var running = box.querySelector("[data-refresh-running]");
    var stopped = box.querySelector("[data-refresh-stopped]");
    var stop = box.querySelector("[data-refresh-stop]");
    var timer = window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
    running.hidden = false;
    stop.hidden = false;
    stop.addEventListener("click", function () {
      window.clearTimeout(timer);
      running.hidden = true;
      stop.hidden = true;
      stopped.hidden = false;
    });
  });
}());
