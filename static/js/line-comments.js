// The mentor's review form: clicking a line of the code (or its number) adds a line comment for that line and
// puts the cursor in it. The first empty row the page rendered is used, then new rows are added, with no cap.
// Without JavaScript the rendered rows still work (type the line number).
(function () {
  "use strict";

  function rows(fieldset) { return fieldset.querySelectorAll(".line-comment-row"); }

  function emptyRow(fieldset) {
    return Array.prototype.find.call(rows(fieldset), function (row) {
      return row.querySelectorAll("input").length === 2 && Array.prototype.every.call(row.querySelectorAll("input"),
        function (input) { return !input.value.trim(); });
    });
  }

  function addRow(fieldset) {
    var all = rows(fieldset);
    var last = all[all.length - 1];
    var next = 1 + Math.max.apply(null, Array.prototype.map.call(all, function (row) {
      return parseInt(row.querySelector("input").name.split("-")[1], 10);
    }));
    var row = last.cloneNode(true);
    row.querySelectorAll("input, label").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) { el.setAttribute(attr, value.replace(/^comment-\d+-/, "comment-" + next + "-")); }
      });
      if (el.tagName === "INPUT") { el.value = ""; }
    });
    last.after(row);
    return row;
  }

  function commentOn(fieldset, line) {
    var row = emptyRow(fieldset) || addRow(fieldset);
    var inputs = row.querySelectorAll("input");
    inputs[0].value = String(line);
    inputs[1].focus();
    row.scrollIntoView({ block: "nearest" });
  }

  function init() {
    var fieldset = document.getElementById("line-comments");
    var table = document.querySelector("table.code-view");
    if (!fieldset || !table || !rows(fieldset).length) { return; }
    document.getElementById("line-comments-hint").hidden = false;
    var label = fieldset.dataset.buttonLabel || "%(n)s";
    table.classList.add("commentable");
    table.querySelectorAll("tr[id^='L'] th.ln").forEach(function (th) {
      var line = th.closest("tr").id.slice(1);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ln-button";
      button.dataset.line = line;
      button.textContent = line;
      button.setAttribute("aria-label", label.replace("%(n)s", line));
      th.textContent = "";
      th.appendChild(button);
    });
    table.addEventListener("click", function (event) {
      var tr = event.target.closest("tr[id^='L']");
      if (!tr) { return; }
      // A click that ends a text selection in the code is for copying, not commenting.
      if (!event.target.closest(".ln-button") && String(window.getSelection())) { return; }
      commentOn(fieldset, tr.id.slice(1));
    });
  }

  document.addEventListener("DOMContentLoaded", init);
}());
