/**
 * A fast path for the shell that most RUNs are written in: simple commands (`VAR=value` prefixes, quotes,
 * `$VAR`/`${VAR}`, `$( … )` of such commands, `\;`-style escapes, file redirects), `&&` `||` `;` `&` `|`, a trailing
 * comment, and one-line `[ … ]`, `[[ … ]]`, `{ …; }`, `( … )`, `if`, `for … in`, `while`, `until`, `case` of them
 * (`shellFastCompound.ts`; words in `shellFastWord.ts`). It builds the same `ShellScript` as the tree-sitter walk
 * (`shell.ts`) without the WebAssembly parse and declines (null) anything else: `$((…))`, backticks, heredocs,
 * `$'…'`, line breaks, characters outside printable ASCII, and what tree-sitter-bash reads otherwise than bash.
 * `test/engine/shellFast.test.ts` checks it against tree-sitter on the corpus, written cases and random scripts.
 */
import { compoundAt } from './shellFastCompound.js';
import { assignmentOf, COMMAND_NAME, DECLARATIONS, DECLINE, isDigit, redirectAt, RESERVED, UNSETS, type Reader, type Statement } from './shellFastLex.js';
import { readWord } from './shellFastWord.js';
import type { ShellAssignment, ShellCommand, ShellScript, ShellWord } from './shellTypes.js';
import { basename, unwrapWrappers, WRAPPERS } from './shellText.js';


/** A word that is one quoted string. */
const QUOTED = /^(?:"[^"]*"|'[^']*')$/;

/** A backtick, or a character other than a tab and printable ASCII. */
const OUTSIDE = /[^\t -_a-~]/;

/** The script as tree-sitter's walk would give it, or null when the fast path cannot say so for certain. */
export function parseShellFast(source: string): ShellScript | null {
  if (OUTSIDE.test(source)) return null;
  try {
    return new FastParse(source).script();
  } catch (e) {
    if (e === DECLINE) return null;
    throw e;
  }
}

class FastParse implements Reader {
  i = 0;
  readonly n: number;
  private readonly commands: ShellCommand[] = [];
  private readonly variables: ShellCommand[] = [];
  private readonly comments: { start: number; end: number }[] = [];
  /** The last command read has file redirects after it. */
  redirected = false;
  /** How many commands the last pipeline read has, and whether none of them has redirects. */
  private piped = 0;
  private plain = true;
  depth = 0;
  paren = 0;
  compound = 0;
  fn = 0;
  subshell: { start: number; end: number } | null = null;

  constructor(readonly s: string) {
    this.n = s.length;
  }

  script(): ShellScript {
    const s = this.s;
    const statements: ShellScript['statements'] = [];
    let codeEnd = 0;
    let trailing = -1; // end of a `;` or `&` after the last statement
    for (;;) {
      this.blanks();
      if (this.i >= this.n) break;
      if (s[this.i] === '#') {
        this.comment();
        break;
      }
      const st = this.andOr();
      // tree-sitter-bash reads `a && b > x` as the list redirected: a statement whose last command has
      // redirects is a `redirected_statement`.
      statements.push({ start: st.start, end: st.end, type: this.redirected ? 'redirected_statement' : st.type, after: '' });
      codeEnd = st.end;
      trailing = -1;
      this.blanks();
      if (this.i >= this.n) break;
      const c = s[this.i];
      if (c === ';' || c === '&') {
        if (s[this.i + 1] === ';' || s[this.i + 1] === '&' || s[this.i + 1] === '|') throw DECLINE;
        statements[statements.length - 1]!.after = c;
        this.i++;
        trailing = this.i;
        continue;
      }
      if (c === '#') {
        this.comment();
        break;
      }
      throw DECLINE;
    }
    if (trailing > 0) codeEnd = trailing;
    const script: ShellScript = { commands: this.commands, comments: this.comments, hasError: false, codeEnd, codeStart: statements.length > 0 ? statements[0]!.start : 0, statements };
    if (this.variables.length > 0) script.variables = this.variables;
    return script;
  }

  blanks(): void {
    const s = this.s;
    let i = this.i;
    for (let c = s.charCodeAt(i); c === 32 || c === 9; c = s.charCodeAt(++i));
    this.i = i;
  }

  private comment(): void {
    this.comments.push({ start: this.i, end: this.n });
    this.i = this.n;
  }

  /** Pipelines joined by `&&` and `||` (a `list` as soon as there is one). */
  andOr(): Statement {
    const first = this.pipeline();
    let { type, end } = first;
    let long = this.piped > 2;
    let plain = this.plain;
    // tree-sitter-bash reads `a | b | c && d` as a pipeline (its precedence), `a | b && c` as a list: measured on
    // 15,000 random lists of up to six pipelines of up to six commands each, the first pipeline's commands beyond two
    // are credit; each later pipeline of one or two commands spends one, of four or more adds one less than
    // its length beyond three; a pipeline that comes when no credit is left makes the whole a list.
    let credit = this.piped - 2;
    let list = false;
    for (;;) {
      this.blanks();
      const s = this.s;
      const op = s[this.i];
      if ((op !== '&' && op !== '|') || s[this.i + 1] !== op) break;
      this.i += 2;
      const right = this.pipeline(true);
      long ||= this.piped > 2;
      plain &&= this.plain;
      if (credit <= 0) list = true;
      else credit += Math.max(this.piped, 2) - 3;
      type = 'list';
      end = right.end;
    }
    if (long && type === 'list') {
      // Measured with commands, tests, assignments, declarations, groups, subshells and `if`s: a redirect declines.
      if (!plain) throw DECLINE;
      if (!list) type = 'pipeline';
    }
    if (type === first.type && end === first.end) return first; // one pipeline: its own statement, not a copy
    return { start: first.start, end, type };
  }

  /** Commands joined by `|` (a `pipeline` as soon as there is one). */
  private pipeline(inList = false): Statement {
    const first = this.command();
    let { type, end } = first;
    let piped = 1;
    let plain = type !== 'redirected_statement';
    for (;;) {
      this.blanks();
      const s = this.s;
      if (s[this.i] !== '|' || s[this.i + 1] === '|') break;
      if (s[this.i + 1] === '&') throw DECLINE;
      // tree-sitter-bash reads `a && b >x | c` as a pipeline of the redirected list and `c`.
      if (inList && this.redirected) throw DECLINE;
      this.i++;
      const right = this.command();
      piped++;
      plain &&= right.type !== 'redirected_statement';
      type = 'pipeline';
      end = right.end;
    }
    this.piped = piped;
    this.plain = plain;
    if (piped === 1) return first; // one command: its own statement, not a copy
    return { start: first.start, end, type };
  }

  /** Whether the text at the cursor ends a command: the end, an operator or a comment. */
  atEnd(): boolean {
    if (this.i >= this.n) return true;
    const c = this.s[this.i];
    return c === ';' || c === '&' || c === '|' || c === '#' || (c === ')' && this.paren > 0);
  }


  /** One simple command, bare assignments, a declaration or `unset`, with any file redirects after it. */
  private command(): Statement {
    const s = this.s;
    this.blanks();
    if (this.atEnd() || redirectAt(this.s, this.i)) throw DECLINE;
    if (s[this.i] === '!' && (s[this.i + 1] === ' ' || s[this.i + 1] === '\t')) return this.negated();
    const compound = compoundAt(this);
    if (compound) {
      this.redirected = compound.type === 'redirected_statement';
      return compound;
    }
    const start = this.i;
    const mark = this.commands.length; // commands in substitutions in its words come after the command
    const assignments: ShellAssignment[] = [];
    let word = this.word();
    let eq = this.eq;
    while (eq > 0) {
      assignments.push(assignmentOf(word, eq));
      this.blanks();
      // tree-sitter-bash reads `A=| b` and `A=|| b` as errors (`A= || b` as bash does).
      if (this.i === eq + 1 && (s[this.i] === '|' || s[this.i] === '&')) throw DECLINE;
      if (this.atEnd()) break;
      if (redirectAt(this.s, this.i)) throw DECLINE;
      word = this.word();
      eq = this.eq;
    }
    if (eq > 0) {
      if (this.depth > 0) throw DECLINE;
      // Bare assignments: not commands, but what later commands see.
      for (const a of assignments) {
        const v: ShellCommand = { name: null, nameWord: null, args: [], assignments: [a], start: a.start, end: a.end, nested: this.fn > 0 };
        if (this.subshell) v.subshell = this.subshell;
        this.variables.push(v);
      }
      const last = assignments[assignments.length - 1]!;
      this.redirected = false;
      return { start, end: last.end, type: assignments.length > 1 ? 'variable_assignments' : 'variable_assignment' };
    }
    // tree-sitter-bash reads a command name such as `--o=p` or `1a=2` as an assignment, and `x#y` or `a12@` as
    // an error, and drops a command name `-`: the fast path takes only names made of letters, digits and `_./+-`
    // that do not start with `+` or `-`, `:`, and one quoted string (`"$GOROOT/bin/go"`, `'npm'`).
    if (RESERVED.has(word.text) || !(COMMAND_NAME.test(word.text) || word.text === ':' || QUOTED.test(word.text))) throw DECLINE;
    const declaration = DECLARATIONS.has(word.text) || UNSETS.has(word.text);
    if (declaration && assignments.length > 0) throw DECLINE;
    // The words are collected in an array of the parse's own, one per level of `$( … )` open (the words of a
    // substitution inside a word are a command of their own), and the command gets an exact copy: a new array
    // per command, grown by every push, was a tenth of what the shell parse allocates.
    const level = this.open++;
    const words = (this.pool[level] ??= []);
    words[0] = word;
    let count = 1;
    let end = word.end;
    let redirected = -1;
    for (;;) {
      this.blanks();
      if (redirectAt(this.s, this.i)) {
        // tree-sitter-bash drops the `-` of `cat - 2>&1`.
        if (declaration || (words[count - 1]!.text === '-' && isDigit(this.s.charCodeAt(this.i)))) throw DECLINE;
        redirected = this.redirect();
        continue;
      }
      if (this.atEnd()) break;
      const w = this.word(redirected < 0 && !declaration);
      if (w.text.startsWith('==') || w.text.startsWith('=~') || (this.compound > 0 && RESERVED.has(w.text))) throw DECLINE;
      if (redirected >= 0) {
        redirected = w.end; // tree-sitter-bash reads `echo >&2 "error" x` as a redirect with three destinations
        continue;
      }
      // In `export`/`unset` tree-sitter-bash reads `x"y"`, `x$y` and `a:b` as two words, drops a `-`, and
      // reads `export A= || b` as an error: the fast path takes names, options and assignments there.
      if (declaration && (this.eq < 0 ? !/^-{0,2}\w[-\w]*$/.test(w.text) : w.end === this.eq + 1 && /^[ \t]*[|&]/.test(s.slice(w.end, w.end + 8)))) throw DECLINE;
      words[count++] = w;
      end = w.end;
    }
    this.open--;
    const type = UNSETS.has(word.text) ? 'unset_command' : declaration ? 'declaration_command' : 'command';
    let nameWord: ShellWord | null = word;
    let args: ShellWord[];
    if (!declaration && word.value !== null && WRAPPERS.has(basename(word.value))) {
      const unwrapped = unwrapWrappers(words.slice(0, count), assignments);
      nameWord = unwrapped[0] ?? null;
      args = unwrapped.slice(1);
    } else args = words.slice(1, count);
    const cmd: ShellCommand = { name: nameWord?.value ? basename(nameWord.value) : null, nameWord, args, assignments, start, end, nested: this.depth > 0 || this.fn > 0 };
    if (this.subshell) cmd.subshell = this.subshell;
    if (type === 'unset_command') {
      if (this.depth > 0) throw DECLINE;
      this.variables.push(cmd);
    } else if (mark === this.commands.length) this.commands.push(cmd);
    else this.commands.splice(mark, 0, cmd);
    this.redirected = redirected >= 0;
    return redirected >= 0 ? { start, end: redirected, type: 'redirected_statement' } : { start, end, type };
  }

  /** `! cmd`: a `negated_command` (a `redirected_statement` with redirects), the command listed as it is. */
  private negated(): Statement {
    const start = this.i;
    this.i++;
    this.blanks();
    if (this.s[this.i] === '!') throw DECLINE;
    const inner = this.command();
    if (inner.type !== 'command' && inner.type !== 'redirected_statement') throw DECLINE; // `! { a; }`, `! A=1`
    return { start, end: inner.end, type: inner.type === 'command' ? 'negated_command' : inner.type };
  }

  /** A file redirect (`>x`, `2>&1`, `&>>log`, `< in`): returns where its destination ends. */
  redirect(): number {
    const s = this.s;
    if (s[this.i] === '0') throw DECLINE; // tree-sitter-bash reads the `0` of `0<x` as an argument
    while (isDigit(s.charCodeAt(this.i))) this.i++;
    const op = /^(?:&>>|&>|>>|>&|<&|>\||>|<)/.exec(s.slice(this.i, this.i + 3));
    if (!op) throw DECLINE;
    this.i += op[0].length;
    const next = s[this.i];
    if (next === '-' || next === '(' || next === '<' || next === '>') throw DECLINE; // `>&-`, `<(`, `<<`, `<>`
    this.blanks();
    if (this.atEnd() || redirectAt(this.s, this.i)) throw DECLINE;
    return this.word().end;
  }

  eq = -1;
  /** The arrays `command` collects words in, by how many commands are being read around the cursor. */
  private readonly pool: ShellWord[][] = [];
  private open = 0;

  word(split = false): ShellWord {
    return readWord(this, split);
  }
}
