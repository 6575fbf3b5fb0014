/**
 * What the shell parser (`shell.ts`) gives the model: words, commands and scripts with their document offsets.
 */

/** One word of a shell command, with its place in the document. */
export interface ShellWord {
  /** The word as written (quotes included). */
  text: string;
  /** The word after quote removal, or null when it depends on expansions ($VAR, $(...), globs stay literal). */
  value: string | null;
  start: number;
  end: number;
}

export interface ShellAssignment {
  name: string;
  value: string | null;
  start: number;
  end: number;
}

/** A simple command such as `apt-get install -y curl`, after unwrapping `sudo`, `env` and the like. */
export interface ShellCommand {
  /** Basename of the command word (`/usr/bin/apt-get` → `apt-get`), or null when it is not static. */
  name: string | null;
  nameWord: ShellWord | null;
  /** Words after the command name. */
  args: ShellWord[];
  /** `VAR=value` prefixes, including those given to `env`. */
  assignments: ShellAssignment[];
  start: number;
  end: number;
  /** Inside `$(...)`, backticks or a function body: may not run where it is written. */
  nested: boolean;
  /** The innermost `( … )` subshell the command runs in, if any: what it sets ends with the subshell. */
  subshell?: { start: number; end: number };
  /** The words are JSON strings of an exec-form instruction. */
  json?: boolean;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Comments seen by the shell (e.g. `# note` at the end of a one-line RUN). */
  comments: { start: number; end: number }[];
  /** The shell reported a syntax error somewhere (the commands before it are still listed). */
  hasError: boolean;
  /** End of the last piece of code (comments excluded): where an appended `&& cmd` goes. */
  codeEnd: number;
  /** Start of the first piece of code. */
  codeStart: number;
  /** Top-level statements in order, with the operator that follows each (`;`, `&`, `&&`… or '' at the end). */
  statements: { start: number; end: number; type: string; after: string }[];
  /** Bare assignments (`X=1`: name null, one assignment) and `unset` statements, in order: not commands, but
   * they change what later commands see (`scriptEnv.ts`). */
  variables?: ShellCommand[];
  /** Longer than MAX_SCRIPT_LENGTH, so not parsed (no commands are listed). */
  tooLong?: boolean;
}

/**
 * Thrown by a parse that needs tree-sitter before the grammar is loaded (`initEngine`). Most scripts never need it
 * (`shellFast.ts`), so a caller may lint first and load the grammar only when this is thrown (the CLI does: loading
 * it is ~15 ms of a one-file run), then lint again. `analyze` lets it through; every other error of a rule is the
 * rule's own.
 */
export class ShellParserNotReady extends Error {
  constructor() {
    super('dockerfile-slim: the shell parser is not initialised (call initEngine first)');
    this.name = 'ShellParserNotReady';
  }
}
