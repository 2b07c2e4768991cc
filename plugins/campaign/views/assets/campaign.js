/* campaign-site: small, local, vanilla. Every page works without it. */
(function () {
  "use strict";
  var KEY = "cs-large-text";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function store(on) {
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function link() { return document.querySelector(".cs-textsize"); }
  function flag() { var b = link(); return (b && b.getAttribute("data-flag")) || "large"; }

  // The header's 大字版 link works without JavaScript as "?large=1": the flag is read here,
  // remembered, and taken out of the address.
  (function fromQuery() {
    if (!window.URLSearchParams || !window.history || !history.replaceState) return;
    var params = new URLSearchParams(location.search);
    var name = flag();
    if (!params.has(name)) return;
    store(params.get(name) === "1");
    params.delete(name);
    var rest = params.toString();
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  })();

  function apply(on) {
    root.classList.toggle("cs-large", on);
    var b = link();
    if (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.textContent = on ? "标准字号" : "大字版";
      b.setAttribute("href", "?" + flag() + "=" + (on ? "0" : "1"));
    }
    regions();
  }

  // A table region is a tab stop (and says it scrolls) only where it does scroll.
  function regions() {
    Array.prototype.forEach.call(document.querySelectorAll(".cs-table-wrap"), function (w) {
      var scrolls = w.scrollWidth > w.clientWidth + 1;
      w.classList.toggle("cs-table-wrap--scrolls", scrolls);
      if (scrolls) w.setAttribute("tabindex", "0"); else w.removeAttribute("tabindex");
    });
  }

  function enhance() {
    var b = link();
    if (b && !b.hasAttribute("role")) {
      b.setAttribute("role", "button");
      b.addEventListener("click", function (ev) {
        ev.preventDefault();
        var on = !root.classList.contains("cs-large");
        store(on);
        apply(on);
      });
      b.addEventListener("keydown", function (ev) {
        if (ev.key === " ") { ev.preventDefault(); b.click(); }
      });
    }
    apply(stored());
  }
  root.classList.toggle("cs-large", stored());
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
  var timer;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(regions, 150); });
})();
