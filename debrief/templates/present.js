/* Regiekamer debrief: presentation mode. One screen per competence (and per role's summary
   and ghost runs); arrow keys, space or Page Down go on, Esc stops. Plain JS, no library. */
(function () {
  "use strict";
  var slides = [];
  var at = 0;
  var on = false;
  var bar = document.getElementById("present-bar");
  var counter = document.getElementById("present-n");

  function show(i) {
    at = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, n) { s.classList.toggle("current", n === at); });
    counter.textContent = (at + 1) + " / " + slides.length;
    document.body.setAttribute("data-slide", String(at));
    window.scrollTo(0, 0);
  }

  function start() {
    slides = Array.prototype.slice.call(document.querySelectorAll("main > .slide"));
    if (!slides.length) { return; }
    on = true;
    document.body.classList.add("presenting");
    bar.hidden = false;
    show(0);
  }

  function stop() {
    on = false;
    document.body.classList.remove("presenting");
    document.body.removeAttribute("data-slide");
    bar.hidden = true;
    slides.forEach(function (s) { s.classList.remove("current"); });
  }

  var NEXT = ["ArrowRight", "ArrowDown", " ", "Spacebar", "PageDown", "Enter"];
  var BACK = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];

  document.getElementById("present").addEventListener("click", start);
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    if (!on) {
      if (ev.key === "p" || ev.key === "P") { start(); ev.preventDefault(); }
      return;
    }
    if (NEXT.indexOf(ev.key) >= 0) { show(at + 1); }
    else if (BACK.indexOf(ev.key) >= 0) { show(at - 1); }
    else if (ev.key === "Home") { show(0); }
    else if (ev.key === "End") { show(slides.length - 1); }
    else if (ev.key === "Escape") { stop(); }
    else { return; }
    ev.preventDefault();
  });
  /* Printing shows every folded detail (indicator tables, evidence). */
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      d.open = true;
    });
  });
  if (window.location.hash === "#present") { start(); }
}());
