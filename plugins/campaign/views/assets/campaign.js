/* campaign-site: small, local, vanilla. Every page works without it. */
(function () {
  "use strict";
  var KEY = "cs-large-text";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function apply(on) {
    root.classList.toggle("cs-large", on);
    var b = document.querySelector(".cs-textsize");
    if (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.textContent = on ? "标准字号" : "大字版";
    }
  }
  apply(stored());

  function addButton() {
    if (document.querySelector(".cs-textsize")) return;
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cs-textsize";
    b.title = "切换大字版（适老化）";
    b.addEventListener("click", function () {
      var on = !root.classList.contains("cs-large");
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
      apply(on);
    });
    var search = header.querySelector(".md-search");
    header.insertBefore(b, search || null);
    apply(stored());
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButton);
  } else {
    addButton();
  }
})();
