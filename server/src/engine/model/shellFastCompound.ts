/**
 * The compound statements of the shell fast path (`shellFast.ts`): `[ … ]` and `[[ … ]]` tests, `{ …; }`
 * groups, `( … )` subshells, `NAME() { …; }` functions, `if`/`elif`/`else`, `for NAME in …`, `while` and `until`, written on one line (`;` before each
 * keyword) and not inside `$( … )`. The tree-sitter walk lists the commands of their conditions and bodies in
 * order, not nested, and a test's words give no command but the ones in their substitutions; the statement's
 * type is tree-sitter-bash's node type, `redirected_statement` with redirects after it. Anything else declines:
 * words right after the closing keyword, empty bodies, a keyword word (`fi`, `done`, …) as an argument inside, an assignment or `=x` in a test, `for ((`.
 */
import { DECLARATIONS, DECLINE, redirectAt, RESERVED, UNSETS, type Reader, type Statement } from './shellFastLex.js';
import { parenList } from './shellFastWord.js';

/** Whether the keyword `kw` is at the cursor, ended by a blank, an operator or the end. */
function keyword(r: Reader, kw: string): boolean {
  if (!r.s.startsWith(kw, r.i)) return false;
  const after = r.s[r.i + kw.length];
  return after === undefined || after === ' ' || after === '\t' || after === ';' || after === '&' || after === '|';
}

/** The compound statement at the cursor, or null when a simple command starts there. */
export function compoundAt(r: Reader): Statement | null {
  const c = r.s[r.i];
  const start = r.i;
  let type: string;
  FUNCTION.lastIndex = start;
  if (FUNCTION.test(r.s)) type = functionDefinition(r, FUNCTION.lastIndex);
  else if (c !== 'i' && c !== 'f' && c !== 'w' && c !== 'u' && c !== 'c' && c !== '{' && c !== '[' && c !== '(') return null;
  else if (c === '(') type = subshell(r);
  else if (keyword(r, '[[')) type = test(r, ']]');
  else if (keyword(r, '[')) type = test(r, ']');
  else if (keyword(r, 'if')) type = ifStatement(r);
  else if (keyword(r, 'for')) type = forStatement(r);
  else if (keyword(r, 'while') || keyword(r, 'until')) type = whileStatement(r);
  else if (keyword(r, 'case')) type = caseStatement(r);
  else if (keyword(r, '{')) type = group(r);
  else return null;
  // Redirects after the closing keyword make a `redirected_statement`, as after a command (words after a
  // redirect are more destinations); a word right after the closing keyword declines.
  const end = r.i;
  let redirected = -1;
  for (;;) {
    r.blanks();
    if (redirectAt(r.s, r.i)) {
      redirected = r.redirect();
      continue;
    }
    if (r.atEnd()) break;
    if (redirected < 0) throw DECLINE;
    const w = r.word();
    if (w.text.startsWith('==') || w.text.startsWith('=~') || RESERVED.has(w.text)) throw DECLINE;
    redirected = w.end;
  }
  return redirected >= 0 ? { start, end: redirected, type: 'redirected_statement' } : { start, end, type };
}

/** Binary operators of a test the fast path reads. */
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);
/** An operand of a test as the fast path takes it (tree-sitter-bash reads `[ + = a ]` and `[ x#y ]` as errors, `[ local ]` as a declaration). */
const OPERAND = /^[A-Za-z0-9_/.~*"'$][^#=]*$/;

/**
 * `[ … ]` or `[[ … ]]`: only substitutions in its words hold commands. tree-sitter-bash reads some tests as
 * errors (`[ a = ]`, `[ ! ]`, `[ -- ]`, `[ a b c ]`), so the fast path takes only `!`s before `OPERAND`,
 * `-x OPERAND` or `OPERAND op OPERAND`, joined by `-a`/`-o` in `[ … ]`; an operand is a word that is no
 * operator or keyword, starts with a letter, a digit, one of `_/.~*`, a quote or `$`, and has no `#` or `=`.
 */
function test(r: Reader, close: string): string {
  r.i += close.length;
  const words: string[] = [];
  for (;;) {
    r.blanks();
    if (keyword(r, close)) break;
    if (r.atEnd()) throw DECLINE;
    const w = r.word();
    if (r.eq > 0) throw DECLINE;
    words.push(w.text);
  }
  r.i += close.length;
  const operand = (k: number): boolean => {
    const t = words[k];
    // The `#` of `"$#"` is no comment.
    return t !== undefined && OPERAND.test(t.replaceAll('"$#"', '"$n"')) && !BINARY.has(t) && !RESERVED.has(t) && !DECLARATIONS.has(t) && !UNSETS.has(t);
  };
  let k = 0;
  for (;;) {
    while (words[k] === '!') k++;
    if (operand(k) && BINARY.has(words[k + 1]!) && operand(k + 2)) k += 3;
    else if (/^-[a-zA-Z]$/.test(words[k] ?? '') && operand(k + 1)) k += 2;
    else if (operand(k)) k += 1;
    else throw DECLINE;
    if (k === words.length) return 'test_command';
    if (close === ']]' || (words[k] !== '-a' && words[k] !== '-o')) throw DECLINE;
    k++;
  }
}

/** Statements up to one of the keywords `ends` at a command's place; returns the keyword met (cursor on it). */
function bodyUntil(r: Reader, ends: readonly string[]): string {
  let count = 0;
  for (;;) {
    r.blanks();
    if (r.i >= r.n) throw DECLINE;
    if (count > 0) for (const kw of ends) if (keyword(r, kw)) return kw;
    r.andOr();
    count++;
    r.blanks();
    const c = r.s[r.i];
    if (c !== ';' && c !== '&') throw DECLINE;
    const d = r.s[r.i + 1];
    if (d === ';' || d === '&' || d === '|') throw DECLINE;
    r.i++;
    // A keyword only after `;`: `a & fi` is left to tree-sitter.
    if (c === '&') {
      r.blanks();
      for (const kw of ends) if (keyword(r, kw)) throw DECLINE;
    }
  }
}

/** Moves the cursor past the keyword `body` stopped at. */
function skip(r: Reader, kw: string): void {
  r.i += kw.length;
}

function open(r: Reader, kw: string): void {
  if (r.depth > 0) throw DECLINE;
  r.compound++;
  r.i += kw.length;
}

function close(r: Reader, kw: string): void {
  r.i += kw.length;
  r.compound--;
}

function ifStatement(r: Reader): string {
  open(r, 'if');
  let kw = 'elif';
  while (kw === 'elif') {
    skip(r, bodyUntil(r, ['then']));
    kw = bodyUntil(r, ['elif', 'else', 'fi']);
    if (kw === 'elif') r.i += kw.length;
  }
  if (kw === 'else') {
    r.i += kw.length;
    bodyUntil(r, ['fi']);
  }
  close(r, 'fi');
  return 'if_statement';
}

function forStatement(r: Reader): string {
  open(r, 'for');
  r.blanks();
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(r.s.slice(r.i, r.i + 64));
  if (!name) throw DECLINE;
  r.i += name[0].length;
  r.blanks();
  if (!keyword(r, 'in')) throw DECLINE;
  r.i += 2;
  for (let count = 0; ; count++) {
    r.blanks();
    if (r.s[r.i] === ';' && count > 0) break; // tree-sitter-bash reads `for x in ;` otherwise than bash
    if (r.atEnd()) throw DECLINE;
    const w = r.word();
    if (r.eq > 0 || RESERVED.has(w.text)) throw DECLINE;
  }
  r.i++;
  r.blanks();
  if (!keyword(r, 'do')) throw DECLINE;
  r.i += 2;
  bodyUntil(r, ['done']);
  close(r, 'done');
  return 'for_statement';
}

function whileStatement(r: Reader): string {
  open(r, r.s[r.i] === 'w' ? 'while' : 'until');
  skip(r, bodyUntil(r, ['do']));
  bodyUntil(r, ['done']);
  close(r, 'done');
  return 'while_statement';
}

/** `NAME() {` (a blank after the brace): a function definition whose body is a group. */
const FUNCTION = /[A-Za-z_][A-Za-z0-9_-]*\(\)[ \t]*\{(?=[ \t])/y;

/**
 * `NAME() { …; }`, not inside another function or `$( … )`: its commands and bare assignments are nested (they run
 * where it is called). tree-sitter-bash keeps a redirect after the body in the definition: that declines.
 */
function functionDefinition(r: Reader, body: number): string {
  if (r.depth > 0 || r.fn > 0) throw DECLINE;
  r.compound++;
  r.fn++;
  r.i = body;
  bodyUntil(r, ['}']);
  close(r, '}');
  r.fn--;
  const end = r.i;
  r.blanks();
  if (redirectAt(r.s, r.i)) throw DECLINE;
  r.i = end;
  return 'function_definition';
}

/** `( … )`: its commands and bare assignments carry its range (the tree-sitter walk's `subshell`). */
function subshell(r: Reader): string {
  if (r.s[r.i + 1] === '(') throw DECLINE; // `((`: arithmetic
  const outer = r.subshell;
  const range = { start: r.i, end: -1 };
  open(r, '(');
  r.subshell = range;
  r.paren++;
  parenList(r);
  r.paren--;
  close(r, ')');
  range.end = r.i;
  r.subshell = outer;
  return 'subshell';
}

function group(r: Reader): string {
  open(r, '{');
  bodyUntil(r, ['}']);
  close(r, '}');
  return 'compound_statement';
}

/** `case WORD in PATTERN|PATTERN) LIST ;; … esac`: the commands of the items in order; `(PATTERN)`, `;&` and `;;&` decline. */
function caseStatement(r: Reader): string {
  open(r, 'case');
  r.blanks();
  const value = r.word();
  if (r.eq > 0 || value.text[0] === '#' || RESERVED.has(value.text)) throw DECLINE;
  r.blanks();
  if (!keyword(r, 'in')) throw DECLINE;
  r.i += 2;
  for (let items = 0; ; items++) {
    r.blanks();
    if (items > 0 && keyword(r, 'esac')) break;
    // Patterns up to `)`: the word ends there as it does at the end of a `$( … )`.
    for (;;) {
      r.blanks();
      r.paren++;
      const w = r.word();
      r.paren--;
      if (r.eq > 0 || w.text[0] === '#' || RESERVED.has(w.text)) throw DECLINE; // `#c)`: a comment to tree-sitter-bash
      r.blanks();
      const c = r.s[r.i];
      r.i++;
      if (c === ')') break;
      if (c !== '|' || r.s[r.i] === '|') throw DECLINE;
    }
    if (itemBody(r)) break;
  }
  close(r, 'esac');
  // tree-sitter-bash reads `esac||` and `esac&&` as a pattern.
  if (r.s[r.i] === '|' || r.s[r.i] === '&') throw DECLINE;
  return 'case_statement';
}

/** The list of a case item, up to and past its `;;`; true when it ends at `esac` instead (cursor on it). */
function itemBody(r: Reader): boolean {
  let count = 0;
  for (;;) {
    r.blanks();
    if (r.s.startsWith(';;', r.i)) {
      if (r.s[r.i + 2] === '&') throw DECLINE;
      r.i += 2;
      return false;
    }
    if (count > 0 && keyword(r, 'esac')) return true;
    if (r.i >= r.n) throw DECLINE;
    r.andOr();
    count++;
    r.blanks();
    if (r.s.startsWith(';;', r.i)) continue;
    const c = r.s[r.i];
    if (c !== ';' && c !== '&') throw DECLINE;
    const d = r.s[r.i + 1];
    if (d === '&' || d === '|') throw DECLINE;
    r.i++;
    if (c === '&') {
      r.blanks();
      if (keyword(r, 'esac') || r.s[r.i] === ';') throw DECLINE;
    }
  }
}
