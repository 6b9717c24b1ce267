// The one CodeMirror 6 bundle Pathwise serves (static/vendor/codemirror/codemirror.min.js, built by build.mjs).
// It exposes window.PathwiseCodeMirror.attach(textarea); static/js/code-editor.js decides when to call it, so
// the page still works with the plain textarea when this file is missing or JavaScript is off.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";

function copyTo(area) {
  // The textarea stays in the form and is what the form (and htmx) posts: keep it in step with every change.
  return EditorView.updateListener.of((update) => {
    if (update.docChanged) {
      area.value = update.state.doc.toString();
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
}

function labelOf(area) {
  const label = area.id ? document.querySelector(`label[for="${CSS.escape(area.id)}"]`) : null;
  return label ? label.textContent.replace(/\s+/g, " ").trim() : "Code";
}

export function attach(area) {
  if (area.pathwiseEditor) return area.pathwiseEditor;
  const state = EditorState.create({
    doc: area.value,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      foldGutter(),
      history(),
      drawSelection(),
      indentOnInput(),
      indentUnit.of("    "),
      EditorState.tabSize.of(4),
      bracketMatching(),
      highlightActiveLine(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      python(),
      // Tab indents; CodeMirror keeps its documented escape: Escape then Tab moves focus out of the editor
      // (and Ctrl-M / Shift-Alt-M toggles tab focus mode). No EditorView.lineWrapping: code never soft-wraps.
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.editorAttributes.of({ class: "code-editor" }), // CodeMirror owns the class list of view.dom
      EditorView.contentAttributes.of({
        "aria-label": labelOf(area),
        spellcheck: "false",
        autocapitalize: "off",
        autocorrect: "off",
      }),
      copyTo(area),
    ],
  });
  const view = new EditorView({ state });
  area.insertAdjacentElement("afterend", view.dom);
  area.hidden = true;
  area.setAttribute("aria-hidden", "true");
  area.tabIndex = -1;
  const form = area.form;
  if (form) {
    // A reset of the form puts the textarea back to its first text: the editor follows it.
    form.addEventListener("reset", () => setTimeout(() => setText(view, area.value), 0));
  }
  const label = area.id ? document.querySelector(`label[for="${CSS.escape(area.id)}"]`) : null;
  if (label) label.addEventListener("click", () => view.focus());
  area.pathwiseEditor = view;
  return view;
}

function setText(view, text) {
  if (view.state.doc.toString() !== text) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }
}

export { EditorView };
