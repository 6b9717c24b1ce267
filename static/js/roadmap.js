// Pointing at (or tabbing to) a roadmap node lights up its own arrows: what it needs and what it unlocks.
(function () {
  "use strict";
  function light(svg, slug) {
    svg.classList.toggle("focusing", Boolean(slug));
    svg.querySelectorAll("path[data-from]").forEach(function (path) {
      var on = slug && (path.dataset.from === slug || path.dataset.to === slug);
      path.classList.toggle("hl", Boolean(on));
    });
  }
  function init() {
    document.querySelectorAll("svg.roadmap-svg").forEach(function (svg) {
      svg.querySelectorAll(".node").forEach(function (node) {
        var slug = node.dataset.slug;
        node.addEventListener("mouseenter", function () { light(svg, slug); });
        node.addEventListener("focus", function () { light(svg, slug); });
        node.addEventListener("mouseleave", function () { light(svg, null); });
        node.addEventListener("blur", function () { light(svg, null); });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", init);
}());
