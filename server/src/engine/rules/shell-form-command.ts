import type { Cmd, Entrypoint } from 'dockerfile-ast';
import { defineRule } from '../defineRule.js';
import { replaceSpan } from '../edits.js';
import { binShIsBash } from '../model/binSh.js';
import type { DockerfileModel, Inst, Stage } from '../model/model.js';
import { parseShell } from '../model/shell.js';
import { logicalShellText } from '../model/shellText.js';
import { noShellReason, stageHasShell } from '../model/stageFacts.js';
import type { Fix, Report } from '../types.js';

export default defineRule({
  meta: {
    id: 'shell-form-command',
    summary: 'CMD or ENTRYPOINT in shell form needs `/bin/sh` and keeps the program from being PID 1 (HEALTHCHECK too, without a shell)',
    rationale:
      'Shell form runs the command through `/bin/sh -c`. Slim images such as scratch and distroless have no shell, so the container cannot start (and a shell-form HEALTHCHECK never passes); where a shell exists, it becomes PID 1 and the program does not receive SIGTERM on `docker stop`.',
    category: 'runtime',
    defaultSeverity: 'warning',
    fix: 'safe',
    related: ['hadolint:DL3025', 'buildkit:JSONArgsRecommended'],
  },
  check({ model, report }) {
    // Whether a stage or one it builds FROM has an ENTRYPOINT: one pass, as a parent is an earlier stage.
    const hasEntrypoint = new Map<Stage, boolean>();
    for (const s of model.stages) {
      const own = s.instructions.some((i) => i.keyword === 'ENTRYPOINT' && !i.onbuild);
      hasEntrypoint.set(s, own || (s.parent !== null && hasEntrypoint.get(s.parent) === true));
    }
    for (const stage of model.stages) {
      if (!stage.ships) continue;
      // A custom SHELL means the author chose what shell form runs with (BuildKit stays quiet too).
      if (stage.instructions.some((i) => i.keyword === 'SHELL')) continue;
      const hasShell = stageHasShell(stage);
      const lastCmd = [...stage.instructions].reverse().find((i) => i.keyword === 'CMD' && !i.onbuild);
      const lastEntrypoint = [...stage.instructions].reverse().find((i) => i.keyword === 'ENTRYPOINT' && !i.onbuild);
      for (const inst of stage.instructions) {
        if (inst.keyword === 'HEALTHCHECK') {
          if (hasShell === false) healthcheck(model, stage, inst, report);
          continue;
        }
        if (inst.keyword !== 'CMD' && inst.keyword !== 'ENTRYPOINT') continue;
        // A later CMD (ENTRYPOINT) of the same stage replaces this one: it never runs. (One in a stage built
        // FROM this one does not: this stage is an image of its own.)
        if (!inst.onbuild && inst !== (inst.keyword === 'CMD' ? lastCmd : lastEntrypoint)) continue;
        const node = inst.node as Cmd | Entrypoint;
        if (node.getOpeningBracket() && node.getClosingBracket()) continue;
        const args = node.getArguments();
        if (args.length === 0) continue;
        const start = model.lines.offsetAt(args[0]!.getRange().start);
        const end = model.lines.offsetAt(args[args.length - 1]!.getRange().end);
        const feedsEntrypoint = inst.keyword === 'CMD' && hasEntrypoint.get(stage) === true;
        const noShell = hasShell === false && !feedsEntrypoint;
        let words = execWords(model, start, end);
        // Where /bin/sh is bash, `sh -c 'prog args'` execs the one simple command: the program is PID 1.
        if (typeof words !== 'string' && !feedsEntrypoint && !noShell && !SHELL_SCRIPT.test(words[0]!) && binShIsBash(stage)) continue;
        // `/bin/sh -c ./run.sh` runs a script without a `#!` line (the shell reads it itself); exec form fails
        // with "exec format error". A shell script named as such is run by /bin/sh in exec form too.
        let viaSh = false;
        if (typeof words !== 'string' && !feedsEntrypoint && SHELL_SCRIPT.test(words[0]!)) {
          if (noShell) words = 'runs a shell script, which needs a shell';
          else if (/\.bash$/.test(words[0]!)) words = 'runs a script that may lack a `#!` line, which exec form cannot run';
          else {
            words = ['/bin/sh', ...words];
            viaSh = true;
          }
        }
        const fixes: Fix[] = [];
        let message: string;
        if (feedsEntrypoint) {
          message = 'CMD in shell form hands `/bin/sh -c …` to the ENTRYPOINT as its arguments.';
        } else if (noShell) {
          message = `${inst.keyword} in shell form runs \`/bin/sh -c\`, but ${noShellReason(stage)}: the container will not start.`;
        } else {
          message = `${inst.keyword} in shell form runs through \`/bin/sh -c\`: the program is not PID 1 and does not get stop signals.`;
        }
        if (typeof words === 'string') {
          message += ` No automatic fix: the command ${words}.`;
        } else {
          const json = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
          if (viaSh) message += ' The fix runs the script with `/bin/sh`: exec form cannot run a script that has no `#!` line (check that the script does not need bash).';
          fixes.push({
            title: viaSh ? `Convert ${inst.keyword} to exec form, running the script with /bin/sh` : `Convert ${inst.keyword} to exec form`,
            // With no shell the image cannot run as written, so exec form changes nothing that worked.
            safety: noShell ? 'safe' : 'unsafe',
            edits: [replaceSpan(model, start, end, json)],
          });
        }
        report({ range: model.lines.range(start, end), message, fixes, ...(noShell ? { severity: 'error' as const } : {}) });
      }
    }
  },
});

/**
 * `HEALTHCHECK CMD <command>` in shell form on an image without a shell: the runtime runs `/bin/sh -c`, which
 * fails every time, so the container is marked unhealthy. With a shell, shell form is fine (not PID 1).
 */
function healthcheck(model: DockerfileModel, stage: Stage, inst: Inst, report: (r: Report) => void): void {
  const args = (inst.node as Cmd).getArguments();
  const cmdIndex = args.findIndex((a) => a.getValue().toUpperCase() === 'CMD');
  if (cmdIndex < 0 || cmdIndex + 1 >= args.length) return;
  const start = model.lines.offsetAt(args[cmdIndex + 1]!.getRange().start);
  const end = model.lines.offsetAt(args[args.length - 1]!.getRange().end);
  if (model.text.slice(start, end).startsWith('[')) return;
  let words = execWords(model, start, end);
  if (typeof words !== 'string' && SHELL_SCRIPT.test(words[0]!)) words = 'runs a shell script, which needs a shell';
  let message = `HEALTHCHECK in shell form runs \`/bin/sh -c\`, but ${noShellReason(stage)}: the check always fails.`;
  const fixes: Fix[] = [];
  if (typeof words === 'string') message += ` No automatic fix: the command ${words}.`;
  else {
    // The check cannot run as written, so exec form changes nothing that worked.
    fixes.push({ title: 'Convert HEALTHCHECK to exec form', safety: 'safe', edits: [replaceSpan(model, start, end, `[${words.map((w) => JSON.stringify(w)).join(', ')}]`)] });
  }
  report({ range: model.lines.range(start, end), message, fixes, severity: 'error' });
}

/** A program that is a shell script by its name: it may have no `#!` line. */
const SHELL_SCRIPT = /\.(sh|bash)$/;

/**
 * The argv of a shell-form command when it uses no shell feature; otherwise a phrase saying which feature
 * it uses (for the message).
 */
function execWords(model: DockerfileModel, start: number, end: number): string[] | string {
  const raw = model.text.slice(start, end);
  const script = parseShell(logicalShellText(raw, model.escapeChar));
  if (script.hasError) return 'does not parse as a shell command';
  if (script.comments.length > 0) return 'contains a shell comment';
  if (script.statements.length !== 1 || script.statements[0]!.type !== 'command' || script.statements[0]!.after !== '') {
    return 'chains or redirects commands, which needs a shell';
  }
  const cmd = script.commands[0];
  if (!cmd || script.commands.length !== 1 || !cmd.nameWord) return 'uses shell syntax';
  if (cmd.assignments.length > 0) return 'sets variables, which needs a shell';
  if (cmd.start !== script.statements[0]!.start || cmd.end !== script.statements[0]!.end) return 'uses shell syntax';
  const words = [cmd.nameWord, ...cmd.args];
  // `sudo`/`env` wrappers were unwrapped by the parser; keep them as written instead.
  const all = raw.slice(0, cmd.nameWord.start).trim() === '' ? words : null;
  if (!all) return 'starts with a wrapper command';
  const out: string[] = [];
  for (const w of all) {
    if (w.value === null) return 'expands variables or commands, which needs a shell';
    if (/^~|[*?[]/.test(w.text.replace(/'[^']*'|"[^"]*"/g, ''))) return 'uses globs or `~`, which need a shell';
    out.push(w.value);
  }
  return out;
}
