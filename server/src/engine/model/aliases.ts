/**
 * Shell aliases a RUN defines (`alias dnf="dnf --installroot=/mnt/rootfs -y"`) and the commands they rewrite.
 * A shell expands an alias only in what it reads after the `alias` command ran: a later line of the script. A
 * shell-form RUN is one line (Docker joins its continuations), so only a heredoc script has later lines. `sh`
 * (dash, busybox ash, and bash started as `sh`, which is in POSIX mode) expands aliases in scripts; bash does
 * only in POSIX mode or after `shopt -s expand_aliases`.
 */
import type { DockerfileModel, RunInfo } from './model.js';
import { parseShell } from './shell.js';
import { basename } from './shellText.js';
import type { ShellCommand, ShellScript, ShellWord } from './shellTypes.js';

const EXPANDING_SHELLS = new Set(['sh', 'dash', 'ash', 'ksh', 'mksh', 'busybox']);

/**
 * The command as the shell runs it: `cmd` itself, or, when an alias of its name is in force, a copy whose name
 * and first arguments are the alias's words (placed where the alias definition wrote them), then `cmd`'s own
 * arguments. An option whose value is an expansion (`--installroot=${tgt}`) keeps its text as its value.
 */
export function aliasExpanded(model: DockerfileModel, run: RunInfo, cmd: ShellCommand): ShellCommand {
  const script = run.script;
  if (!script || run.form !== 'heredoc' || cmd.nested || !cmd.name || !cmd.nameWord || cmd.nameWord.value !== cmd.name) return cmd;
  const at = statementOf(script, cmd);
  if (at < 0) return cmd;
  let words: ShellWord[] | null = null;
  let expands = EXPANDING_SHELLS.has(shellName(model, run, script));
  for (const c of script.commands) {
    if (c.start >= cmd.start) break;
    if (c.nested || c.subshell) continue;
    const before = statementOf(script, c);
    // Read (and so expanded) before this command ran: same statement, or no line break in between.
    if (before < 0 || before === at || !model.text.slice(script.statements[before]!.end, script.statements[at]!.start).includes('\n')) continue;
    if (c.name === 'shopt' && c.args.some((a) => a.value === 'expand_aliases')) expands = c.args.some((a) => a.value === '-s');
    else if (c.name === 'set' && c.args.some((a) => a.value === 'posix')) expands ||= c.args.some((a) => a.value === '-o');
    else if (c.name === 'unalias' && c.args.some((a) => a.value === cmd.name || a.value === '-a')) words = null;
    else if (c.name === 'alias') {
      for (const a of c.args) {
        const defined = definition(a, cmd.name);
        if (defined) words = defined;
      }
    }
  }
  if (!expands || !words || words.length === 0 || words[0]!.value === null) return cmd;
  const [head, ...rest] = words;
  return { ...cmd, name: basename(head!.value!), args: [...rest, ...cmd.args] };
}

/** The index of the top-level statement that holds a command, or -1. */
function statementOf(script: ShellScript, c: ShellCommand): number {
  return script.statements.findIndex((s) => c.start >= s.start && c.end <= s.end);
}

/** The shell that runs the script: a heredoc's `#!` line, else the SHELL. */
function shellName(model: DockerfileModel, run: RunInfo, script: ShellScript): string {
  const bang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/m.exec(model.text.slice(run.bodyStart, script.codeStart));
  if (bang) return basename(bang[1]!) === 'env' ? basename(bang[2] ?? '') : basename(bang[1]!);
  const [exe, ...args] = run.shell;
  const name = basename(exe ?? '');
  if (name === 'bash' && (args.includes('--posix') || args.join(' ').includes('-o posix'))) return 'sh';
  return name;
}

/** The words of `name='…'`, `name="…"` or `name=word` when the word defines `name`; else null. */
function definition(word: ShellWord, name: string): ShellWord[] | null {
  const m = /^([^\s=]+)=(["']?)/.exec(word.text);
  if (!m || m[1] !== name) return null;
  const quote = m[2]!;
  const from = m[0].length;
  const to = quote && word.text.endsWith(quote) && word.text.length > from ? word.text.length - 1 : word.text.length;
  const body = word.text.slice(from, to);
  // Inside double quotes a backslash escapes: offsets would no longer match the text.
  if (quote === '"' && body.includes('\\')) return null;
  const base = word.start + from;
  return wordsOf(body, base);
}

function wordsOf(body: string, base: number): ShellWord[] | null {
  const script = parseShell(body);
  const first = script.commands[0];
  if (!first || !first.nameWord || script.commands.filter((c) => !c.nested).length !== 1) return null;
  const shift = (w: ShellWord): ShellWord => ({
    ...w,
    value: w.value ?? (/^--?[A-Za-z][\w-]*=/.test(w.text) ? w.text : null),
    start: w.start + base,
    end: w.end + base,
  });
  return [shift(first.nameWord), ...first.args.map(shift)];
}
