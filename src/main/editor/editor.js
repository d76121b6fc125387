// The policy workbench's editor: turns each <textarea data-editor="drl|yaml"> of a page into a
// CodeMirror 6 editor with line numbers, syntax highlighting and the validation report's errors
// and warnings marked at their line and column. Without JavaScript the textareas stay as they are
// and the form works the same, because the textarea remains the form field: every edit is copied
// back into it.
//
// The page's Content-Security-Policy allows scripts and styles from this origin only, nothing
// inline. CodeMirror writes its styles at run time; in a document it would add a <style> element,
// which that policy refuses. In a shadow root it uses a constructed stylesheet
// (adoptedStyleSheets) instead, which the policy does not govern. So each editor lives in a
// shadow root of its own host element; no nonce, no 'unsafe-inline'.
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { yaml } from "@codemirror/lang-yaml";
import { clike } from "@codemirror/legacy-modes/mode/clike";
import { lintGutter, setDiagnostics } from "@codemirror/lint";

function words(text) {
  const set = {};
  for (const word of text.split(" ")) set[word] = true;
  return set;
}

// DRL: the rule keywords on top of the Java-like code inside conditions and actions.
const drl = StreamLanguage.define(clike({
  name: "drl",
  keywords: words("package import rule when then end salience no-loop not exists forall and or from " +
    "accumulate collect count sum min max average insert new if else return in matches " +
    "function global query declare eval dialect"),
  types: words("Answer Term Recommendation CostEstimate Parameter Number List Collection BigDecimal " +
    "String Integer Long Double Boolean Math int long double boolean"),
  blockKeywords: words("rule when then if else"),
  atoms: words("true false null this"),
  hooks: {
    // @id("...") and @source("...") read as annotations
    "@": stream => { stream.eatWhile(/[\w$_]/); return "meta"; },
  },
}));

const theme = EditorView.theme({
  "&": { fontSize: "0.9rem", border: "1px solid #b8c0cc", borderRadius: "4px", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "2px solid #1f5fa8" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", minHeight: "12rem", maxHeight: "70vh" },
});

function modeOf(textarea) {
  const mode = textarea.dataset.editor;
  if (mode === "drl" || mode === "yaml") return mode;
  return /\.drl$/.test(textarea.dataset.path || "") ? "drl" : "yaml";
}

/** The report's findings for this file, as the page lists them (the list is the no-JavaScript view of them). */
function diagnosticsFor(textarea, doc) {
  const list = document.getElementById(textarea.id + "-diagnostics");
  if (!list) return [];
  const found = [];
  for (const item of list.querySelectorAll("[data-line]")) {
    const lineNumber = Math.min(Math.max(parseInt(item.dataset.line, 10) || 1, 1), doc.lines);
    const line = doc.line(lineNumber);
    const column = parseInt(item.dataset.column || "", 10);
    const from = Number.isFinite(column) ? Math.min(line.from + Math.max(column - 1, 0), line.to) : line.from;
    found.push({
      from,
      to: from < line.to ? line.to : from,
      severity: item.dataset.severity === "warning" ? "warning" : "error",
      message: item.dataset.message || item.textContent.trim(),
    });
  }
  return found;
}

function enhance(textarea) {
  const host = document.createElement("div");
  host.className = "code-editor";
  host.dataset.for = textarea.id;
  textarea.insertAdjacentElement("afterend", host);
  const root = host.attachShadow({ mode: "open" });
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        basicSetup,
        modeOf(textarea) === "drl" ? drl : yaml(),
        lintGutter(),
        theme,
        EditorView.contentAttributes.of({ "aria-label": textarea.dataset.label || "file content" }),
        EditorView.updateListener.of(update => {
          if (update.docChanged) textarea.value = update.state.doc.toString();
        }),
      ],
    }),
  });
  view.dispatch(setDiagnostics(view.state, diagnosticsFor(textarea, view.state.doc)));
  textarea.classList.add("enhanced");
  host.classList.add("ready");
  // a finding in the list moves the editor to its place
  const list = document.getElementById(textarea.id + "-diagnostics");
  if (list) {
    for (const item of list.querySelectorAll("[data-line]")) {
      item.classList.add("jump");
      item.addEventListener("click", () => {
        const line = view.state.doc.line(Math.min(Math.max(parseInt(item.dataset.line, 10) || 1, 1), view.state.doc.lines));
        const column = parseInt(item.dataset.column || "", 10);
        const at = Number.isFinite(column) ? Math.min(line.from + Math.max(column - 1, 0), line.to) : line.from;
        view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
        view.focus();
      });
    }
  }
  return view;
}

for (const textarea of document.querySelectorAll("textarea[data-editor]")) {
  enhance(textarea);
}
