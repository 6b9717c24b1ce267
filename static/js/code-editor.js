// Code textareas (textarea[data-code-editor]) become CodeMirror 6 editors (static/vendor/codemirror/, built from
// frontend/): Python highlighting, line numbers, no soft wrap; the textarea stays in the form, kept in step, so
// the form posts the code as before. Without the bundle, the textarea itself gets the same keys: Tab and
// Shift+Tab indent and dedent (4 spaces), Enter keeps the indentation, and Escape releases the next Tab so
// keyboard users can still leave the editor (CodeMirror keeps the same escape: Escape, then Tab).
(function () {
  "use strict";
  var INDENT = "    ";

  function lineStart(value, pos) { return value.lastIndexOf("\n", pos - 1) + 1; }

  function replace(area, start, end, text, selStart, selEnd) {
    area.setRangeText(text, start, end, "preserve");
    area.selectionStart = selStart;
    area.selectionEnd = selEnd;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function onKey(event) {
    var area = event.target;
    if (event.key === "Escape") { area.dataset.released = "1"; return; }
    if (event.key === "Tab" && area.dataset.released === "1") { delete area.dataset.released; return; }
    delete area.dataset.released;
    var value = area.value, start = area.selectionStart, end = area.selectionEnd;
    if (event.key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      var first = lineStart(value, start);
      if (start === end && !event.shiftKey) {
        replace(area, start, end, INDENT, start + INDENT.length, start + INDENT.length);
        return;
      }
      var block = value.slice(first, end);
      var lines = block.split("\n");
      var changed, shiftFirst;
      if (event.shiftKey) {
        shiftFirst = Math.min(INDENT.length, (lines[0].match(/^ */) || [""])[0].length);
        changed = lines.map(function (l) { return l.replace(new RegExp("^ {1," + INDENT.length + "}"), ""); });
        var text = changed.join("\n");
        replace(area, first, end, text, Math.max(first, start - shiftFirst), first + text.length);
      } else {
        changed = lines.map(function (l) { return INDENT + l; });
        var added = changed.join("\n");
        replace(area, first, end, added, start + INDENT.length, first + added.length);
      }
    } else if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
      var ls = lineStart(value, start);
      var indent = (value.slice(ls, start).match(/^[ \t]*/) || [""])[0];
      if (/:\s*$/.test(value.slice(ls, start))) { indent += INDENT; }
      if (indent) {
        event.preventDefault();
        replace(area, start, end, "\n" + indent, start + 1 + indent.length, start + 1 + indent.length);
      }
    }
  }

  function init(root) {
    (root || document).querySelectorAll("textarea[data-code-editor]").forEach(function (area) {
      if (area.dataset.editorReady) { return; }
      area.dataset.editorReady = "1";
      if (window.PathwiseCodeMirror) {
        try { window.PathwiseCodeMirror.attach(area); return; } catch (e) { area.hidden = false; }
      }
      area.addEventListener("keydown", onKey);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (e) { init(e.target); });
}());
