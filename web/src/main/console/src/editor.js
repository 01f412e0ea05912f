// CodeMirror 6 set-up shared by the DRL, scenario and diff views, and the DRL language: a stream
// tokenizer for highlighting (no maintained Lezer grammar for DRL exists) and completion of fact
// types, fields, methods and enum constants from the server's fact model.
import { EditorState, Compartment } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  StreamLanguage, syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput,
} from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { lintGutter, setDiagnostics, lintKeymap } from '@codemirror/lint';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { json } from '@codemirror/lang-json';

const KEYWORDS = new Set(`package import rule when then end salience no-loop agenda-group
activation-group lock-on-active dialect query function global declare extends not exists forall
from collect accumulate eval and or modify insert insertLogical delete retract update new in
matches memberOf contains soundslike over window attributes enabled date-effective date-expires
duration timer calendars auto-focus ruleflow-group`.split(/\s+/));
const ATOMS = new Set(['true', 'false', 'null', 'this', 'drools']);

/** DRL tokens for highlighting: keywords, strings, comments, numbers, $bindings, types. */
export const drlLanguage = StreamLanguage.define({
  name: 'drl',
  startState: () => ({ comment: false }),
  token(stream, state) {
    if (state.comment) {
      if (stream.skipTo('*/')) { stream.next(); stream.next(); state.comment = false; } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//') || stream.match('#')) { stream.skipToEnd(); return 'comment'; }
    if (stream.match('/*')) { state.comment = true; return 'comment'; }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^'(?:[^'\\]|\\.)*'?/)) return 'string';
    if (stream.match(/^\d+(\.\d+)?[lLdDfF]?/)) return 'number';
    if (stream.match(/^\$[\w]+/)) return 'variableName.special';
    if (stream.match(/^[A-Za-z_][\w-]*/)) {
      let word = stream.current();
      if (word.includes('-') && !KEYWORDS.has(word)) {
        // only attribute keywords carry dashes: give the dash back
        stream.backUp(word.length - word.indexOf('-'));
        word = stream.current();
      }
      if (KEYWORDS.has(word)) return 'keyword';
      if (ATOMS.has(word)) return 'atom';
      if (/^[A-Z]/.test(word)) return 'typeName';
      return 'variableName';
    }
    if (stream.match(/^(==|!=|>=|<=|&&|\|\||[=<>!:+\-*\/%])/)) return 'operator';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
});

// Colours checked for 4.5:1 contrast on white.
const highlight = HighlightStyle.define([
  { tag: t.keyword, color: '#7a1fa2', fontWeight: '600' },
  { tag: t.string, color: '#0b6e2e' },
  { tag: t.comment, color: '#5c6470', fontStyle: 'italic' },
  { tag: t.number, color: '#9a4a00' },
  { tag: t.atom, color: '#9a4a00' },
  { tag: t.typeName, color: '#0a58ca' },
  { tag: t.special(t.variableName), color: '#a3204a' },
  { tag: t.operator, color: '#1b1f24' },
  { tag: [t.propertyName, t.bool, t.null], color: '#9a4a00' },
]);

let factModel = { types: [] };
export function setFactModel(model) { factModel = model ?? { types: [] }; }
const typeNamed = (name) => factModel.types.find((x) => x.name === name);

function members(type) {
  return [
    ...type.properties.map((p) => ({ label: p.name, type: 'property', detail: p.type })),
    ...type.methods.map((m) => ({
      label: m.name, type: 'method', detail: `(${m.parameters.join(', ')}) → ${m.returns}`,
      apply: `${m.name}(`,
    })),
  ];
}

/** The fact type of the innermost unclosed pattern `Type(` before pos, if any. */
function enclosingPattern(text) {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) {
        const m = /([A-Z]\w*)\s*$/.exec(text.slice(Math.max(0, i - 80), i));
        return m ? typeNamed(m[1]) : null;
      }
      depth--;
    } else if (c === '\n' && /^\s*(rule|then|end)\b/.test(text.slice(i + 1))) break;
  }
  return null;
}

/** Completion of fact types, fields and methods of the pattern, enum constants, $bindings. */
export function drlCompletion(context) {
  const before = context.state.sliceDoc(Math.max(0, context.pos - 4000), context.pos);
  const dotted = /([$\w]+)\.(\w*)$/.exec(before);
  if (dotted) {
    const from = context.pos - dotted[2].length;
    const type = typeNamed(dotted[1]);
    if (type && type.kind === 'enum') {
      return { from, options: type.constants.map((c) => ({ label: c, type: 'enum', detail: type.name })) };
    }
    if (dotted[1].startsWith('$')) {
      const binding = new RegExp(`\\${dotted[1]}\\s*:\\s*([A-Z]\\w*)`).exec(context.state.doc.toString());
      const bound = binding && typeNamed(binding[1]);
      if (bound) {
        return {
          from,
          options: [
            ...bound.properties.map((p) => ({
              label: `get${p.name[0].toUpperCase()}${p.name.slice(1)}()`, type: 'method', detail: p.type,
            })),
            ...members(bound).filter((o) => o.type === 'method'),
          ],
        };
      }
    }
    return null;
  }
  const word = context.matchBefore(/[$\w]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const options = [];
  const pattern = enclosingPattern(before.slice(0, before.length - (word.to - word.from)));
  if (pattern) options.push(...members(pattern).map((o) => ({ ...o, boost: 2 })));
  for (const type of factModel.types) {
    options.push({ label: type.name, type: type.kind === 'enum' ? 'enum' : 'class', detail: type.kind, boost: pattern ? 0 : 1 });
  }
  for (const k of KEYWORDS) options.push({ label: k, type: 'keyword' });
  return { from: word.from, options, validFor: /^[$\w]*$/ };
}

/** An editor in parent. kind: 'drl' | 'json'. */
export function createEditor(parent, { doc = '', kind = 'drl', label, onChange, readOnly = false }) {
  const language = kind === 'json' ? json() : drlLanguage;
  const editable = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), history(), drawSelection(),
        indentOnInput(), bracketMatching(), highlightSelectionMatches(),
        syntaxHighlighting(highlight), language, lintGutter(),
        kind === 'drl' ? autocompletion({ override: [drlCompletion] }) : autocompletion(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': label ?? 'Rule source', tabindex: '0' }),
        editable.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && onChange) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  view.setReadOnly = (value) => view.dispatch({
    effects: editable.reconfigure([EditorState.readOnly.of(value), EditorView.editable.of(!value)]),
  });
  return view;
}

/** Shows the server's problems (file, line, column, message) inline in the editor. */
export function showProblems(view, problems) {
  const doc = view.state.doc;
  const diagnostics = problems.map((p) => {
    const line = doc.line(Math.min(Math.max(p.line || 1, 1), doc.lines));
    const from = Math.min(line.from + Math.max((p.column || 1) - 1, 0), line.to);
    return {
      from, to: line.to > from ? line.to : from,
      severity: p.severity ?? 'error',
      source: p.kind ?? 'server',
      message: p.message,
    };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

export function replaceDoc(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

export { EditorView };

/** Read-only extensions for one side of a diff. */
export function readOnlySide(label, kind = 'drl') {
  return [
    lineNumbers(), syntaxHighlighting(highlight), kind === 'json' ? json() : drlLanguage,
    EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.lineWrapping,
    // read-only text is still reachable by keyboard (and so is any part that scrolls)
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
  ];
}
