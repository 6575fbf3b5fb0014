/**
 * The character classes, keyword sets and small helpers of the shell fast path (`shellFast.ts`).
 */
import type { ShellAssignment, ShellWord } from './shellTypes.js';

class Decline extends Error {}
/** Thrown where the fast path cannot say for certain what the tree-sitter walk reads. */
export const DECLINE = new Decline();

/** A statement the fast path read: its span and tree-sitter-bash's node type for it. */
export interface Statement {
  start: number;
  end: number;
  type: string;
}

/** What the compound statements and the words (`shellFastCompound.ts`, `shellFastWord.ts`) need of the fast parse. */
export interface Reader {
  readonly s: string;
  readonly n: number;
  i: number;
  /** How many `$( … )` are open around the cursor (their commands are nested). */
  depth: number;
  /** How many `$( … )`, `( … )` and case patterns are open around the cursor: a `)` ends a word there. */
  paren: number;
  /** How many compound statements (`if`, `for`, `while`, `{ … }`, `( … )`) are open around the cursor. */
  compound: number;
  /** How many function bodies are open around the cursor (their commands are nested too). */
  fn: number;
  /** The innermost `( … )` around the cursor (its end set when it closes): what its commands set ends there. */
  subshell: { start: number; end: number } | null;
  blanks(): void;
  andOr(): Statement;
  atEnd(): boolean;
  /** A file redirect at the cursor: returns where its destination ends. */
  redirect(): number;
  /** The word at the cursor; with `split`, it may end where tree-sitter-bash ends it (`shellFastWord.ts`). */
  word(split?: boolean): ShellWord;
  /** Where the `=` of the last word read is when it is an assignment (`A=1`, `A+=1` unquoted at its start), else -1. */
  eq: number;
}

/** Words that tree-sitter-bash reads as syntax where a command starts. */
export const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', 'coproc', '!', '{', '}', '[', '[[', ']]']);
/** Keywords of tree-sitter's `declaration_command` and `unset_command`. */
export const DECLARATIONS = new Set(['declare', 'typeset', 'export', 'readonly', 'local']);
export const UNSETS = new Set(['unset', 'unsetenv']);
export const COMMAND_NAME = /^[A-Za-z0-9_./][A-Za-z0-9_./+-]*$/;

/** Characters a word of the fast path may hold unquoted: printable ASCII but for the shell's special ones. */
export const PLAIN = (() => {
  const t = new Uint8Array(128);
  for (let c = 0x21; c < 0x7f; c++) t[c] = 1;
  for (const ch of `'"<>{}[]()\`$|&;\\ `) t[ch.charCodeAt(0)] = 0;
  return t;
})();

export function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `NAME=value` (or `NAME+=value`, whose value depends on what it appends to). */
export function assignmentOf(w: ShellWord, eq: number): ShellAssignment {
  const plus = w.text[eq - w.start - 1] === '+';
  const name = w.text.slice(0, eq - w.start - (plus ? 1 : 0));
  const value = plus || w.value === null ? null : w.value.slice(eq - w.start + 1);
  return { name, value, start: w.start, end: w.end };
}

/** A redirect starts at `i`: `>`, `<`, `&>` or digits right before one of them. */
export function redirectAt(s: string, i: number): boolean {
  let j = i;
  while (j < s.length && isDigit(s.charCodeAt(j))) j++;
  const c = s[j];
  if (c === '>' || c === '<') return true;
  return j === i && c === '&' && s[j + 1] === '>';
}
