import type { Cmd, Entrypoint } from 'dockerfile-ast';
import { stateAtEnd } from '../model/timeline.js';
import { defineRule } from '../defineRule.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import { replaceSpan } from '../edits.js';
import { binShIsBash } from '../model/binSh.js';
import type { DockerfileModel, Inst, Stage } from '../model/model.js';
import { parseShell } from '../model/shell.js';
import { logicalShellText } from '../model/shellText.js';
import { rootStage, stageHasShell } from '../model/stageFacts.js';
import type { Translate } from '../i18n/locale.js';
import type { Fix, Report } from '../types.js';

export default defineRule('shell-form-command', {
  check({ model, report, t }) {
    // Whether a stage or one it builds FROM has an ENTRYPOINT: one pass, as a parent is an earlier stage.
    const hasEntrypoint = new Map<Stage, boolean>();
    for (const s of model.stages) {
      const own = s.instructions.some((i) => i.keyword === 'ENTRYPOINT' && !i.onbuild);
      hasEntrypoint.set(s, own || (s.parent !== null && hasEntrypoint.get(s.parent) === true));
    }
    for (const stage of model.stages) {
      if (!stage.ships) continue;
      // A custom SHELL (here or in a stage this one builds FROM) means the author chose what shell form runs
      // with (BuildKit stays quiet too).
      if (stateAtEnd(stage).shellInst) continue;
      const hasShell = stageHasShell(stage);
      const lastCmd = [...stage.instructions].reverse().find((i) => i.keyword === 'CMD' && !i.onbuild);
      const lastEntrypoint = [...stage.instructions].reverse().find((i) => i.keyword === 'ENTRYPOINT' && !i.onbuild);
      for (const inst of stage.instructions) {
        if (inst.keyword === 'HEALTHCHECK') {
          if (hasShell === false) healthcheck(model, stage, inst, report, t);
          continue;
        }
        if (inst.keyword !== 'CMD' && inst.keyword !== 'ENTRYPOINT') continue;
        // A later CMD (ENTRYPOINT) of the same stage replaces this one: it never runs. (One in a stage built
        // FROM this one does not: this stage is an image of its own.)
        if (!inst.onbuild && inst !== (inst.keyword === 'CMD' ? lastCmd : lastEntrypoint)) continue;
        const node = inst.node as Cmd | Entrypoint;
        const args = node.getArguments();
        if (args.length === 0) continue;
        const start = model.lines.offsetAt(args[0]!.getRange().start);
        const end = model.lines.offsetAt(args[args.length - 1]!.getRange().end);
        const feedsEntrypoint = inst.keyword === 'CMD' && hasEntrypoint.get(stage) === true;
        const noShell = hasShell === false && !feedsEntrypoint;
        const text = model.text.slice(start, end);
        if (text.startsWith('[')) {
          // Exec form only when the whole text is a JSON array (as for HEALTHCHECK below).
          const keep = jsonThenText(model, text);
          if (keep === undefined) continue;
          const message = feedsEntrypoint
            ? t('feedsEntrypoint')
            : noShell
              ? t('noShell', { keyword: inst.keyword, image: rootStage(stage).image ?? t('thisImage') })
              : t('shellForm', { keyword: inst.keyword });
          report({
            range: model.lines.range(start, end),
            message: message + t('jsonThenText'),
            // As written /bin/sh runs `[prog,` (not found); only `|| exit 1` after the array is read as meant.
            // Without a shell the image cannot start as written, so keeping the array changes nothing that worked.
            fixes: keep !== null ? [{ title: t('fixJsonCommand', { keyword: inst.keyword }), safety: noShell ? 'safe' : 'unsafe', edits: [replaceSpan(model, start, end, keep)] }] : [],
            ...(noShell ? { severity: 'error' as const } : {}),
          });
          continue;
        }
        if (node.getOpeningBracket() && node.getClosingBracket()) continue;
        let words: string[] | Why = execWords(model, start, end);
        // Where /bin/sh is bash, `sh -c 'prog args'` execs the one simple command (after expanding its words):
        // the program is PID 1.
        if (!feedsEntrypoint && !noShell && singleCommand(model, start, end) && binShIsBash(stage)) continue;
        // `/bin/sh -c ./run.sh` runs a script without a `#!` line (the shell reads it itself); exec form fails
        // with "exec format error". A shell script named as such is run by /bin/sh in exec form too.
        let viaSh = false;
        if (Array.isArray(words) && !feedsEntrypoint && SHELL_SCRIPT.test(words[0]!)) {
          if (noShell) words = 'needsShell';
          else if (/\.bash$/.test(words[0]!)) words = 'maybeNoShebang';
          else {
            words = ['/bin/sh', ...words];
            viaSh = true;
          }
        }
        const fixes: Fix[] = [];
        let message: string;
        if (feedsEntrypoint) {
          message = t('feedsEntrypoint');
        } else if (noShell) {
          message = t('noShell', { keyword: inst.keyword, image: rootStage(stage).image ?? t('thisImage') });
        } else {
          message = t('shellForm', { keyword: inst.keyword });
        }
        if (!Array.isArray(words)) {
          message += t('noFix', { why: t(words) });
        } else {
          const json = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
          if (viaSh) message += t('viaSh');
          fixes.push({
            title: t(viaSh ? 'fixViaSh' : 'fix', { keyword: inst.keyword }),
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

type Script = ReturnType<typeof parseShell>;

/** One statement that is a plain command: no chain, pipe, redirection or background job. */
function oneStatement(script: Script): boolean {
  return script.statements.length === 1 && script.statements[0]!.type === 'command' && script.statements[0]!.after === '';
}

/** The text is one simple command (with a static program name and no nested command), which bash execs. */
function singleCommand(model: DockerfileModel, start: number, end: number): boolean {
  const script = parseShell(logicalShellText(model.text.slice(start, end), model.escapeChar));
  if (script.hasError || !oneStatement(script) || script.commands.length !== 1) return false;
  const name = script.commands[0]!.name;
  return name !== null && !SHELL_SCRIPT.test(name) && !['exec', 'eval', 'source', '.'].includes(name);
}

/**
 * `HEALTHCHECK CMD <command>` in shell form on an image without a shell: the runtime runs `/bin/sh -c`, which
 * fails every time, so the container is marked unhealthy. With a shell, shell form is fine (not PID 1).
 */
function healthcheck(model: DockerfileModel, stage: Stage, inst: Inst, report: (r: Report) => void, t: Translate<RuleKey<'shell-form-command'>>): void {
  const args = (inst.node as Cmd).getArguments();
  const cmdIndex = args.findIndex((a) => a.getValue().toUpperCase() === 'CMD');
  if (cmdIndex < 0 || cmdIndex + 1 >= args.length) return;
  const start = model.lines.offsetAt(args[cmdIndex + 1]!.getRange().start);
  const end = model.lines.offsetAt(args[args.length - 1]!.getRange().end);
  const text = model.text.slice(start, end);
  if (text.startsWith('[')) {
    // Without `|| exit 1` the check means the same: any non-zero status fails.
    const keep = jsonThenText(model, text);
    if (keep === undefined) return;
    report({
      range: model.lines.range(start, end),
      message: t('healthcheck', { image: rootStage(stage).image ?? t('thisImage') }) + t('jsonThenText'),
      fixes: keep ? [{ title: t('fixJson'), safety: 'safe', edits: [replaceSpan(model, start, end, keep)] }] : [],
      severity: 'error',
    });
    return;
  }
  let words: string[] | Why = execWords(model, start, end);
  if (Array.isArray(words) && SHELL_SCRIPT.test(words[0]!)) words = 'needsShell';
  let message = t('healthcheck', { image: rootStage(stage).image ?? t('thisImage') });
  const fixes: Fix[] = [];
  if (!Array.isArray(words)) message += t('noFix', { why: t(words) });
  else {
    // The check cannot run as written, so exec form changes nothing that worked.
    fixes.push({ title: t('fix', { keyword: 'HEALTHCHECK' }), safety: 'safe', edits: [replaceSpan(model, start, end, `[${words.map((w) => JSON.stringify(w)).join(', ')}]`)] });
  }
  report({ range: model.lines.range(start, end), message, fixes, severity: 'error' });
}

/**
 * A command text that starts with `[`: undefined when the whole text is a JSON array (exec form); otherwise it
 * is shell form (`["prog", "arg"] || exit 1`: Docker runs it with /bin/sh -c), and the result is the array as
 * written when only `|| exit 1` follows it (what the author meant), else null.
 */
function jsonThenText(model: DockerfileModel, text: string): string | null | undefined {
  const logical = logicalShellText(text, model.escapeChar);
  if (jsonArray(logical)) return undefined;
  const json = /^(\[[^\]]*\])\s*\|\|\s*exit\s+1\s*$/.exec(logical);
  if (!json || !jsonArray(json[1]!)) return null;
  // The array as written (a continuation inside it stays): up to its `]`, the first one as strings hold none.
  const keep = text.slice(0, text.indexOf(']') + 1);
  return logicalShellText(keep, model.escapeChar) === json[1] ? keep : null;
}

/**
 * The whole text is a JSON array, as BuildKit reads exec form (`parseMaybeJSON`: `json.Unmarshal` of the whole
 * text, so trailing text makes it shell form; an array of non-strings is a build error, not shell form).
 */
function jsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/** A program that is a shell script by its name: it may have no `#!` line. */
const SHELL_SCRIPT = /\.(sh|bash)$/;

/**
 * The argv of a shell-form command when it uses no shell feature; otherwise a phrase saying which feature
 * it uses (for the message).
 */
type Why = 'needsShell' | 'maybeNoShebang' | 'unparsed' | 'comment' | 'chains' | 'syntax' | 'variables' | 'wrapper' | 'expands' | 'globs';

function execWords(model: DockerfileModel, start: number, end: number): string[] | Why {
  const raw = model.text.slice(start, end);
  const script = parseShell(logicalShellText(raw, model.escapeChar));
  if (script.hasError) return 'unparsed';
  if (script.comments.length > 0) return 'comment';
  if (!oneStatement(script)) return 'chains';
  const cmd = script.commands[0];
  if (!cmd || script.commands.length !== 1 || !cmd.nameWord) return 'syntax';
  if (cmd.assignments.length > 0) return 'variables';
  if (cmd.start !== script.statements[0]!.start || cmd.end !== script.statements[0]!.end) return 'syntax';
  const words = [cmd.nameWord, ...cmd.args];
  // `sudo`/`env` wrappers were unwrapped by the parser; keep them as written instead.
  const all = raw.slice(0, cmd.nameWord.start).trim() === '' ? words : null;
  if (!all) return 'wrapper';
  const out: string[] = [];
  for (const w of all) {
    if (w.value === null) return 'expands';
    if (/^~|[*?[]/.test(w.text.replace(/'[^']*'|"[^"]*"/g, ''))) return 'globs';
    out.push(w.value);
  }
  return out;
}
