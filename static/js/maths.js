// Renders the TeX that config/markdown.py keeps in <code class="math"> (inline) and <code class="math display">
// with the vendored KaTeX (static/vendor/katex/, no CDN). KaTeX's script and stylesheet are fetched only when a
// page (or an htmx swap) has maths. Without JavaScript, or if a formula does not parse, the TeX stays readable.
(function () {
  "use strict";
  var me = document.currentScript;
  var loading = null;

  function loadKatex() {
    if (window.katex) { return Promise.resolve(window.katex); }
    if (loading) { return loading; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = me.dataset.katexCss;
    document.head.appendChild(css);
    loading = new Promise(function (resolve, reject) {
      var js = document.createElement("script");
      js.src = me.dataset.katexJs;
      js.onload = function () { resolve(window.katex); };
      js.onerror = function () { loading = null; reject(new Error("KaTeX did not load")); };
      document.head.appendChild(js);
    });
    return loading;
  }

  function renderOne(katex, code) {
    var tex = code.textContent;
    var display = code.classList.contains("display");
    var out = document.createElement(display ? "div" : "span");
    out.className = "math-rendered" + (display ? " display" : "");
    try {
      katex.render(tex, out, { displayMode: display, throwOnError: true, output: "htmlAndMathml" });
    } catch (e) {
      code.classList.add("math-error");
      code.title = e.message;
      return;
    }
    code.replaceWith(out);
  }

  function render(root) {
    var codes = (root || document).querySelectorAll("code.math");
    if (!codes.length) { return; }
    loadKatex().then(function (katex) {
      codes.forEach(function (code) { if (code.isConnected) { renderOne(katex, code); } });
    }).catch(function () { /* the TeX stays as it is, readable */ });
  }

  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSwap", function (e) { render(e.target); });
}());
