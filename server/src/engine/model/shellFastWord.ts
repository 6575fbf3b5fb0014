/**
 * The words of the shell fast path (`shellFast.ts`): unquoted text, `'…'`, `"…"`, `$VAR`, `${…}` and `$( … )`
 * next to each other, read as tree-sitter-bash reads them, including where it ends a word that bash does not.
 */
import { DECLINE, isDigit, isNameChar, PLAIN, type Reader } from './shellFastLex.js';
import type { ShellWord } from './shellTypes.js';

/**
 * The characters after `$NAME` at which tree-sitter-bash ends a word (below). Measured with every word of up
 * to seven pieces (unquoted text, `$a`, `${b}`, `"q"`, `"$s"`, `'r'`, `$(c)`) followed by each of `/-.=:@%,+~*?!^]#`:
 * after `=`, `:`, `@`, `%`, `?`, `]`, `#` and `+=` it does not end the word, and the fast path declines those.
 */
const SPLIT_AFTER = (() => {
  const t = new Uint8Array(128);
  for (const ch of '/-.,+~*!^') t[ch.charCodeAt(0)] = 1;
  return t;
})();

/** A run of the characters `PLAIN` holds (the fast path takes only tabs and printable ASCII). */
const PLAIN_RUN = /[!#%*+,\-./0-9:=?@A-Z^_a-z~]+/y;

/**
 * One word: unquoted text, `'…'`, `"…"` (with `\` escapes, `$VAR` and `${…}`), `$VAR` and `${…}`, next to
 * each other. Its value is the word after quote removal, or null when it holds an expansion; `r.eq` says where
 * its `=` is when it is an assignment.
 *
 * tree-sitter-bash ends a word after the `$` of a `$NAME` that has two or more pieces (quotes, expansions,
 * runs of unquoted text) before it and unquoted text after it: `dotnet-$v/x-$v-linux.tgz` is the words
 * `dotnet-$v/x-$` and `v-linux.tgz`, the second read afresh. With `split` the fast path ends the word there
 * too (the caller reads the next word at the cursor); without it, it declines.
 */
export function readWord(r: Reader, split: boolean): ShellWord {
  const s = r.s;
  const n = r.n;
  const start = r.i;
  let value = '';
  let expansion = false;
  let eq = -1;
  let quoted = false;
  let escaped = false;
  let pieces = 0; // pieces read so far: quotes, expansions and runs of unquoted text
  let plainLast = false; // the last piece is unquoted text (an escape continues it)
  for (;;) {
    const i = r.i;
    if (i >= n) break;
    const c = s.charCodeAt(i);
    if (c < 128 && PLAIN[c]) {
      // A run of unquoted characters, found by the regular expression (native code, where a loop over the
      // characters runs in the interpreter in a short-lived process) and appended at once.
      PLAIN_RUN.lastIndex = i;
      PLAIN_RUN.test(s);
      const j = PLAIN_RUN.lastIndex;
      const run = s.slice(i, j);
      if (eq < 0 && !quoted && !expansion) {
        const e = run.indexOf('=', i === start ? 1 : 0);
        if (e >= 0) eq = i + e;
      }
      // `-1#`: a number in tree-sitter-bash.
      for (let h = run.indexOf('#'); h >= 0; h = run.indexOf('#', h + 1)) if (i + h > start && isDigit(s.charCodeAt(i + h - 1))) throw DECLINE;
      value += run;
      r.i = j;
      if (!plainLast) pieces++;
      plainLast = true;
      continue;
    }
    const ch = s[i]!;
    if (ch === ' ' || ch === '\t' || ch === ';' || ch === '&' || ch === '|' || (ch === ')' && r.paren > 0)) break;
    if (escaped && (ch === "'" || ch === '"' || ch === '$')) throw DECLINE;
    if (ch === '{' && i === start && s[i + 1] === '}' && (i + 2 === n || s[i + 2] === ' ')) {
      value += '{}'; // `find -exec rm {} +`
      r.i = i + 2;
      continue;
    }
    if (ch === '\\') {
      // `\;`, `\(`: not after a quote or `$` (tree-sitter-bash splits `"a"\;` and `$x\;`), not `\ ` (read otherwise).
      if (quoted || expansion || i + 1 >= n || s[i + 1] === ' ' || s[i + 1] === '\t') throw DECLINE;
      value += s[i + 1];
      r.i = i + 2;
      escaped = true;
      if (!plainLast) pieces++;
      plainLast = true;
      continue;
    }
    pieces++;
    plainLast = false;
    if (ch === "'") {
      const close = s.indexOf("'", i + 1);
      if (close < 0) throw DECLINE;
      value += s.slice(i + 1, close);
      r.i = close + 1;
      quoted = true;
      continue;
    }
    if (ch === '"') {
      const v = doubleQuoted(r);
      if (v === null) expansion = true;
      else value += v;
      quoted = true;
      continue;
    }
    if (ch === '$') {
      const braced = s[i + 1] === '{';
      const name = isNameChar(s.charCodeAt(i + 1)) && !isDigit(s.charCodeAt(i + 1));
      readExpansion(r);
      const after = s.charCodeAt(r.i);
      // After a quote or an expansion, tree-sitter-bash splits `$b/c$d/e` and `$x-$1` after the second `$`: a
      // `$NAME` with more unquoted text after it ends the word (above) or is declined; so is a `$1`.
      if (!braced && (quoted || expansion) && ((after < 128 && PLAIN[after]) || isDigit(s.charCodeAt(i + 1)))) {
        if (!name || !SPLIT_AFTER[after] || (after === 43 /* + */ && s[r.i + 1] === '=')) throw DECLINE; // `$b+=`: no split
        if (pieces > 2) {
          if (!split) throw DECLINE;
          r.i = i + 1;
          value += '$';
          break;
        }
      }
      expansion = true;
      continue;
    }
    // `<` or `>` right after a word, `(`, `)`, braces, brackets, backticks.
    throw DECLINE;
  }
  if (r.i === start) throw DECLINE;
  // A word that is one run of unquoted text (most are) is its own value: one string, not two equal ones.
  const text = pieces === 1 && plainLast && !escaped && value.length === r.i - start ? value : s.slice(start, r.i);
  if (eq > 0 && !/^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(text)) eq = -1;
  r.eq = eq; // set last: the words of a substitution inside set it too
  return { text, value: expansion ? null : value, start, end: r.i };
}

/** `"…"` at the cursor, with `\` escapes, `$VAR`, `${…}` and `$( … )`: returns its text after quote removal, or
 * null when it holds an expansion. */
function doubleQuoted(r: Reader): string | null {
  const s = r.s;
  const open = r.i;
  let value = '';
  let expansion = false;
  let from = open + 1; // where the text not yet in `value` starts (appended in runs, not a character at a time)
  r.i++;
  for (;;) {
    if (r.i >= r.n) throw DECLINE;
    const d = s.charCodeAt(r.i);
    if (d === 34 /* " */) break;
    if (d === 96 /* ` */) throw DECLINE;
    if (d === 36 /* $ */) {
      // `"$#"`: the number of arguments (elsewhere `$#` declines).
      if (s[r.i + 1] === '#' && s[r.i + 2] === '"') r.i += 2;
      else readExpansion(r);
      expansion = true;
      continue;
    }
    if (d === 92 /* \ */) {
      const e = s[r.i + 1];
      if (e === undefined) throw DECLINE;
      // The value of a string with an expansion is null: no need to build it.
      if (!expansion) value += s.slice(from, r.i) + (e === '$' || e === '`' || e === '"' || e === '\\' ? e : '\\' + e);
      r.i += 2;
      from = r.i;
      continue;
    }
    r.i++;
  }
  // tree-sitter-bash gives `" "` no content: its value would be ''.
  const first = s.charCodeAt(open + 1);
  if (r.i > open + 1 && (first === 32 || first === 9) && /^[ \t]+$/.test(s.slice(open + 1, r.i))) throw DECLINE;
  if (expansion) {
    r.i++;
    return null;
  }
  value = from === open + 1 ? s.slice(from, r.i) : value + s.slice(from, r.i);
  r.i++;
  return value;
}

/**
 * Statements up to a `)` (of `$( … )` or a subshell): as at the top level; the cursor ends on the `)`. An empty
 * list, a `;;` and a missing `)` decline.
 */
export function parenList(r: Reader): void {
  const s = r.s;
  let count = 0;
  for (;;) {
    r.blanks();
    if (r.i >= r.n) throw DECLINE;
    if (s[r.i] === ')' && count > 0) return;
    r.andOr();
    count++;
    r.blanks();
    const c = s[r.i];
    if (c === ')') return;
    if (c !== ';' && c !== '&') throw DECLINE;
    if (s[r.i + 1] === ';' || s[r.i + 1] === '&' || s[r.i + 1] === '|') throw DECLINE;
    r.i++;
  }
}

/** `$( … )`: its commands are nested; statements as at the top level, a `(`, a comment or an assignment declines. */
function substitution(r: Reader): void {
  if (r.s[r.i + 2] === '(') throw DECLINE; // `$((`: arithmetic
  r.i += 2;
  r.depth++;
  r.paren++;
  parenList(r);
  r.i++;
  r.paren--;
  r.depth--;
}

/** `$NAME`, `$1`, `$@`, `$?`, `$!`, `$*`, `${…}` without quotes, braces, `$` or blanks inside, or `$( … )` (not
 * `$$`: tree-sitter-bash reads `x$$` as a plain word). */
function readExpansion(r: Reader): void {
  const s = r.s;
  const next = s[r.i + 1];
  if (next === '{') {
    let j = r.i + 2;
    while (j < r.n && s[j] !== '}') {
      const c = s[j];
      if (c === '{' || c === '$' || c === '"' || c === "'" || c === '`' || c === '\\' || c === ' ' || c === '\t' || c === '(' || c === ')') throw DECLINE;
      j++;
    }
    if (j >= r.n || j === r.i + 2) throw DECLINE;
    r.i = j + 1;
    return;
  }
  if (isNameChar(s.charCodeAt(r.i + 1))) {
    let j = r.i + 1;
    while (j < r.n && isNameChar(s.charCodeAt(j))) j++;
    r.i = j;
    return;
  }
  if (next === '(') {
    substitution(r);
    return;
  }
  if (next === '*' || next === '@' || next === '?' || next === '!') {
    r.i += 2;
    return;
  }
  throw DECLINE;
}
