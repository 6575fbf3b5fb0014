/**
 * A fast path for the shell that most RUNs are written in: simple commands (`VAR=value` prefixes, quotes,
 * `$VAR`/`${VAR}`, `$( … )` of such commands, `\;`-style escapes, file redirects), `&&` `||` `;` `&` `|`, a trailing
 * comment, and one-line `[ … ]`, `[[ … ]]`, `{ …; }`, `if`, `for … in`, `while`, `until`, `case` of them
 * (`shellFastCompound.ts`). It builds the same `ShellScript` as the tree-sitter walk (`shell.ts`) without the
 * WebAssembly parse and declines (null) anything else: subshells, `$((…))`, backticks, functions, heredocs, `!`,
 * `$'…'`, line breaks, characters outside printable ASCII, and what tree-sitter-bash reads otherwise than bash.
 * `test/engine/shellFast.test.ts` checks it against tree-sitter on the corpus, written cases and random scripts.
 */
import { compoundAt, type Reader } from './shellFastCompound.js';
import { assignmentOf, COMMAND_NAME, DECLARATIONS, DECLINE, isDigit, isNameChar, PLAIN, plain, redirectAt, RESERVED, UNSETS, type Statement, type Word } from './shellFastLex.js';
import type { ShellAssignment, ShellCommand, ShellScript, ShellWord } from './shellTypes.js';
import { basename, unwrapWrappers } from './shellText.js';


/** The script as tree-sitter's walk would give it, or null when the fast path cannot say so for certain. */
export function parseShellFast(source: string): ShellScript | null {
  if (source.includes('`')) return null;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 9)) return null;
  }
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
  /** How many commands the last pipeline read has. */
  private piped = 0;
  /** How many `$( … )` are open around the cursor. */
  depth = 0;
  /** How many compound statements (`if`, `for`, `while`, `{ … }`) are open around the cursor. */
  compound = 0;

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
    return {
      commands: this.commands,
      comments: this.comments,
      hasError: false,
      codeEnd,
      codeStart: statements.length > 0 ? statements[0]!.start : 0,
      statements,
      ...(this.variables.length > 0 ? { variables: this.variables } : {}),
    };
  }

  blanks(): void {
    const s = this.s;
    while (this.i < this.n && (s[this.i] === ' ' || s[this.i] === '\t')) this.i++;
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
    for (;;) {
      this.blanks();
      const s = this.s;
      const op = s[this.i];
      if ((op !== '&' && op !== '|') || s[this.i + 1] !== op) break;
      this.i += 2;
      const right = this.pipeline(true);
      long ||= this.piped > 2;
      type = 'list';
      end = right.end;
    }
    // tree-sitter-bash reads `a | b | c && d` as a pipeline (its precedence), `a | b && c` as a list.
    if (long && type === 'list') throw DECLINE;
    return { start: first.start, end, type };
  }

  /** Commands joined by `|` (a `pipeline` as soon as there is one). */
  private pipeline(inList = false): Statement {
    const first = this.command();
    let { type, end } = first;
    let piped = 1;
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
      type = 'pipeline';
      end = right.end;
    }
    this.piped = piped;
    return { start: first.start, end, type };
  }

  /** Whether the text at the cursor ends a command: the end, an operator or a comment. */
  atEnd(): boolean {
    if (this.i >= this.n) return true;
    const c = this.s[this.i];
    return c === ';' || c === '&' || c === '|' || c === '#' || (c === ')' && this.depth > 0);
  }


  /** One simple command, bare assignments, a declaration or `unset`, with any file redirects after it. */
  private command(): Statement {
    const s = this.s;
    this.blanks();
    if (this.atEnd() || redirectAt(this.s, this.i)) throw DECLINE;
    const compound = compoundAt(this);
    if (compound) {
      this.redirected = false;
      return compound;
    }
    const start = this.i;
    const mark = this.commands.length; // commands in substitutions in its words come after the command
    const assignments: ShellAssignment[] = [];
    let word = this.word();
    while (word.eq > 0) {
      assignments.push(assignmentOf(word));
      this.blanks();
      // tree-sitter-bash reads `A=| b` and `A=|| b` as errors (`A= || b` as bash does).
      if (this.i === word.eq + 1 && (s[this.i] === '|' || s[this.i] === '&')) throw DECLINE;
      if (this.atEnd()) break;
      if (redirectAt(this.s, this.i)) throw DECLINE;
      word = this.word();
    }
    if (word.eq > 0) {
      if (this.depth > 0) throw DECLINE;
      // Bare assignments: not commands, but what later commands see.
      for (const a of assignments) this.variables.push({ name: null, nameWord: null, args: [], assignments: [a], start: a.start, end: a.end, nested: false });
      const last = assignments[assignments.length - 1]!;
      this.redirected = false;
      return { start, end: last.end, type: assignments.length > 1 ? 'variable_assignments' : 'variable_assignment' };
    }
    // tree-sitter-bash reads a command name such as `--o=p` or `1a=2` as an assignment, and `x#y` or `a12@` as
    // an error, and drops a command name `-`: the fast path takes only names made of letters, digits and `_./+-`
    // that do not start with `+` or `-`.
    if (RESERVED.has(word.text) || !COMMAND_NAME.test(word.text)) throw DECLINE;
    const declaration = DECLARATIONS.has(word.text) || UNSETS.has(word.text);
    if (declaration && assignments.length > 0) throw DECLINE;
    let words: ShellWord[] = [plain(word)];
    let end = word.end;
    let redirected = -1;
    for (;;) {
      this.blanks();
      if (redirectAt(this.s, this.i)) {
        // tree-sitter-bash drops the `-` of `cat - 2>&1`.
        if (declaration || (words[words.length - 1]!.text === '-' && isDigit(this.s.charCodeAt(this.i)))) throw DECLINE;
        redirected = this.redirect();
        continue;
      }
      if (this.atEnd()) break;
      if (redirected >= 0) throw DECLINE; // tree-sitter-bash reads `cmd >file arg` as two destinations
      const w = this.word();
      if (w.text.startsWith('==') || w.text.startsWith('=~') || (this.compound > 0 && RESERVED.has(w.text))) throw DECLINE;
      // In `export`/`unset` tree-sitter-bash reads `x"y"`, `x$y` and `a:b` as two words, drops a `-`, and
      // reads `export A= || b` as an error: the fast path takes names, options and assignments there.
      if (declaration && (w.eq < 0 ? !/^-{0,2}\w[-\w]*$/.test(w.text) : w.end === w.eq + 1 && /^[ \t]*[|&]/.test(s.slice(w.end, w.end + 8)))) throw DECLINE;
      words.push(plain(w));
      end = w.end;
    }
    const type = UNSETS.has(word.text) ? 'unset_command' : declaration ? 'declaration_command' : 'command';
    if (!declaration) words = unwrapWrappers(words, assignments);
    const nameWord = words[0] ?? null;
    const cmd: ShellCommand = { name: nameWord?.value ? basename(nameWord.value) : null, nameWord, args: words.slice(1), assignments, start, end, nested: this.depth > 0 };
    if (type === 'unset_command') {
      if (this.depth > 0) throw DECLINE;
      this.variables.push(cmd);
    } else if (mark === this.commands.length) this.commands.push(cmd);
    else this.commands.splice(mark, 0, cmd);
    this.redirected = redirected >= 0;
    return redirected >= 0 ? { start, end: redirected, type: 'redirected_statement' } : { start, end, type };
  }

  /** A file redirect (`>x`, `2>&1`, `&>>log`, `< in`): returns where its destination ends. */
  private redirect(): number {
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

  /**
   * One word: unquoted text, `'…'`, `"…"` (with `\` escapes, `$VAR` and `${…}`), `$VAR` and `${…}`, next to
   * each other. Its value is the word after quote removal, or null when it holds an expansion.
   */
  word(): Word {
    const s = this.s;
    const start = this.i;
    let value = '';
    let expansion = false;
    let eq = -1;
    let quoted = false;
    let escaped = false;
    for (;;) {
      const i = this.i;
      if (i >= this.n) break;
      const c = s.charCodeAt(i);
      if (c < 128 && PLAIN[c]) {
        // A run of unquoted characters, appended at once.
        let j = i;
        for (; j < this.n; j++) {
          const d = s.charCodeAt(j);
          if (d >= 128 || !PLAIN[d]) break;
          if (d === 61 /* = */ && eq < 0 && !quoted && !expansion && j > start) eq = j;
          if (d === 35 /* # */ && j > start && isDigit(s.charCodeAt(j - 1))) throw DECLINE; // `-1#`: a number in tree-sitter-bash
        }
        value += s.slice(i, j);
        this.i = j;
        continue;
      }
      const ch = s[i]!;
      if (ch === ' ' || ch === '\t' || ch === ';' || ch === '&' || ch === '|' || (ch === ')' && this.depth > 0)) break;
      if (escaped && (ch === "'" || ch === '"' || ch === '$')) throw DECLINE;
      if (ch === '{' && i === start && s[i + 1] === '}' && (i + 2 === this.n || s[i + 2] === ' ')) {
        value += '{}'; // `find -exec rm {} +`
        this.i = i + 2;
        continue;
      }
      if (ch === '\\') {
        // `\;`, `\(`: not after a quote or `$` (tree-sitter-bash splits `"a"\;` and `$x\;`), not `\ ` (read otherwise).
        if (quoted || expansion || i + 1 >= this.n || s[i + 1] === ' ' || s[i + 1] === '\t') throw DECLINE;
        value += s[i + 1];
        this.i = i + 2;
        escaped = true;
        continue;
      }
      if (ch === "'") {
        const close = s.indexOf("'", i + 1);
        if (close < 0) throw DECLINE;
        value += s.slice(i + 1, close);
        this.i = close + 1;
        quoted = true;
        continue;
      }
      if (ch === '"') {
        this.i++;
        for (;;) {
          if (this.i >= this.n) throw DECLINE;
          const d = s[this.i]!;
          if (d === '"') break;
          if (d === '`') throw DECLINE;
          if (d === '$') {
            this.expansion();
            expansion = true;
            continue;
          }
          if (d === '\\') {
            const e = s[this.i + 1];
            if (e === undefined) throw DECLINE;
            value += e === '$' || e === '`' || e === '"' || e === '\\' ? e : d + e;
            this.i += 2;
            continue;
          }
          value += d;
          this.i++;
        }
        // tree-sitter-bash gives `" "` no content: its value would be ''.
        if (this.i > i + 1 && /^[ \t]+$/.test(s.slice(i + 1, this.i))) throw DECLINE;
        this.i++;
        quoted = true;
        continue;
      }
      if (ch === '$') {
        const braced = s[i + 1] === '{';
        this.expansion();
        // tree-sitter-bash splits `$b/c$d/e` and `$x-$1` after the second `$`: decline a `$NAME` followed by
        // more unquoted text, or a `$1`, in a word that had a quote or an expansion before it.
        const after = s.charCodeAt(this.i);
        if (!braced && (quoted || expansion) && ((after < 128 && PLAIN[after]) || isDigit(s.charCodeAt(i + 1)))) throw DECLINE;
        expansion = true;
        continue;
      }
      // `<` or `>` right after a word, `(`, `)`, braces, brackets, backticks.
      throw DECLINE;
    }
    if (this.i === start) throw DECLINE;
    const text = s.slice(start, this.i);
    if (eq > 0 && !/^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(text)) eq = -1;
    return { text, value: expansion ? null : value, start, end: this.i, eq };
  }

  /** `$( … )`: its commands are nested; statements as at the top level, a `(`, a comment or an assignment declines. */
  private substitution(): void {
    const s = this.s;
    if (s[this.i + 2] === '(') throw DECLINE; // `$((`: arithmetic
    this.i += 2;
    this.depth++;
    let count = 0;
    for (;;) {
      this.blanks();
      if (this.i >= this.n) throw DECLINE;
      if (s[this.i] === ')' && count > 0) break;
      this.andOr();
      count++;
      this.blanks();
      const c = s[this.i];
      if (c === ')') break;
      if (c !== ';' && c !== '&') throw DECLINE;
      if (s[this.i + 1] === ';' || s[this.i + 1] === '&' || s[this.i + 1] === '|') throw DECLINE;
      this.i++;
    }
    this.i++;
    this.depth--;
  }

  /** `$NAME`, `$1`, `$@`, `$?`, `$!`, `$*` or `${…}` without quotes, braces, `$` or blanks inside (not `$$`:
   * tree-sitter-bash reads `x$$` as a plain word). */
  private expansion(): void {
    const s = this.s;
    const next = s[this.i + 1];
    if (next === '{') {
      let j = this.i + 2;
      while (j < this.n && s[j] !== '}') {
        const c = s[j];
        if (c === '{' || c === '$' || c === '"' || c === "'" || c === '`' || c === '\\' || c === ' ' || c === '\t' || c === '(' || c === ')') throw DECLINE;
        j++;
      }
      if (j >= this.n || j === this.i + 2) throw DECLINE;
      this.i = j + 1;
      return;
    }
    if (isNameChar(s.charCodeAt(this.i + 1))) {
      let j = this.i + 1;
      while (j < this.n && isNameChar(s.charCodeAt(j))) j++;
      this.i = j;
      return;
    }
    if (next === '(') {
      this.substitution();
      return;
    }
    if (next === '*' || next === '@' || next === '?' || next === '!') {
      this.i += 2;
      return;
    }
    throw DECLINE;
  }
}
