import type { ModifiableInstruction } from 'dockerfile-ast';
import { stateAt } from '../model/timeline.js';
import { defineRule } from '../defineRule.js';
import type { RunInst } from '../model/runs.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { appendToRun, insertAt, replaceSpan } from '../edits.js';
import { downloadTool } from '../model/downloads.js';
import { stageLayers, type Creation } from '../model/layers.js';
import { buildSequence, wholeLinesSpan } from '../model/order.js';
import { needsGrouping } from '../model/shellEffects.js';
import { jsonStrings, type DockerfileModel, type Inst, type Stage } from '../model/model.js';
import type { ShellCommand } from '../model/shell.js';
import type { Fix } from '../types.js';

interface Use {
  inst: RunInst;
  cmd: ShellCommand;
  kind: 'deletes' | 'unpacks';
  /** A deletion of only part of what ADD unpacked. */
  partly?: boolean;
}

/** ADD flags the download fix can do without (the file is deleted right after use). */
const FIXABLE_FLAGS = new Set(['checksum', 'chown', 'chmod', 'link']);
const SAFE_PATH = /^[A-Za-z0-9_./+@%,:=-]+$/;

export default defineRule('add-remote-archive', {
  check({ model, report, t }) {
    const uses = new Map<Creation, Use[]>();
    const stageOf = new Map<Creation, Stage>();
    for (const stage of model.stages) {
      if (!stage.ships) continue;
      const layers = stageLayers(model, stage);
      const add = (c: Creation, use: Use): void => {
        if (!c.add) return;
        if (!uses.has(c)) uses.set(c, []);
        if (!stageOf.has(c) || c.inst.stage === stage) stageOf.set(c, stage);
        uses.get(c)!.push(use);
      };
      for (const r of layers.removals) for (const c of r.creations) add(c, { inst: r.inst, cmd: r.cmd, kind: 'deletes', partly: r.partly?.includes(c) ?? false });
      for (const e of layers.extractions) add(e.creation, { inst: e.inst, cmd: e.cmd, kind: 'unpacks' });
    }
    const reported = new Set<Inst>();
    for (const [creation, list] of [...uses].sort((a, b) => a[0].inst.index - b[0].inst.index)) {
      if (reported.has(creation.inst)) continue;
      reported.add(creation.inst);
      const source = sourceSpan(model, creation);
      if (!source) continue;
      const fix = creation.add!.url && !creation.add!.git ? downloadFix(model, stageOf.get(creation)!, creation, list, t) : null;
      report({ range: model.lines.range(source.start, source.end), message: messageOf(model, creation, list, t), fixes: fix ? [fix] : [] });
    }
  },
});

type T = Translate<RuleKey<'add-remote-archive'>>;

function messageOf(model: DockerfileModel, c: Creation, list: Use[], t: T): string {
  const a = c.add!;
  const name = a.source.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? a.source;
  const subject = t(a.git ? 'subjRepo' : a.url ? (a.archive ? 'subjArchive' : 'subjFile') : a.unpacked ? 'subjUnpacked' : 'subjCopied', { name });
  const lineOf = (u: Use): number => model.lines.positionAt(u.inst.start).line + 1;
  const ordered = [...list].sort((x, y) => x.inst.index - y.inst.index);
  const unpack = ordered.find((u) => u.kind === 'unpacks');
  const deletion = ordered.find((u) => u.kind === 'deletes');
  if (!deletion) return t('unpacked', { subject, line: lineOf(unpack!) });
  const vars = { deletes: t(deletion.partly ? 'deletesPart' : 'deletesIt'), line: lineOf(deletion), unpack: unpack ? lineOf(unpack) : 0 };
  const action = t(!unpack || unpack.inst.index > deletion.inst.index ? 'actDeletes' : unpack.inst === deletion.inst ? 'actSame' : 'actBoth', vars);
  return t('deleted', { subject, action });
}

/** Where the ADD names the source (the URL or archive), for the finding's range. */
function sourceSpan(model: DockerfileModel, c: Creation): { start: number; end: number } | null {
  const node = c.inst.node as ModifiableInstruction & { getOpeningBracket?(): unknown; getClosingBracket?(): unknown };
  if (node.getOpeningBracket?.() && node.getClosingBracket?.()) {
    const w = jsonStrings(model, node as never).find((s) => s.value === c.add!.source);
    return w ? { start: w.start, end: w.end } : null;
  }
  const arg = node.getArguments().find((a) => a.getValue() === c.add!.source);
  if (!arg) return null;
  const r = arg.getRange();
  return { start: model.lines.offsetAt(r.start), end: model.lines.offsetAt(r.end) };
}

/**
 * Replaces `ADD <url> <dest>` by a download at the start of the RUN right after it, which unpacks or
 * deletes the file; when that RUN only unpacks it, the file is deleted at its end too.
 */
function downloadFix(model: DockerfileModel, stage: Stage, c: Creation, list: Use[], t: T): Fix | null {
  const add = c.inst;
  if (add.onbuild || add.stage !== stage || c.shape !== 'file') return null;
  const node = add.node as ModifiableInstruction;
  if (node.getFlags().some((f) => !FIXABLE_FLAGS.has(f.getName().toLowerCase()))) return null;
  if (node.getArguments().length !== 2) return null;
  // Another user (a USER, or an image that starts as a non-root user) may not be able to write where ADD (as
  // root) could.
  const state = stateAt(add);
  if (state.user !== null || state.imageUser === 'non-root') return null;

  const sequence = buildSequence(stage);
  const next = sequence[sequence.indexOf(add) + 1] as RunInst | undefined;
  if (!next || next.keyword !== 'RUN' || next.onbuild || !next.run || next.run.form !== 'shell' || !next.run.posix) return null;
  const script = next.run.script;
  if (!script || script.hasError || list.some((u) => u.inst !== next)) return null;
  const { text } = model;
  const url = c.add!.source;
  const file = c.path;
  if (!/^[^\s"`\\]+$/.test(url) || !SAFE_PATH.test(file)) return null;
  // Anything after that RUN that names the file would lose it.
  if (text.slice(next.end).includes(file)) return null;
  const tool = downloadTool(stage, add);
  if (!tool) return null;

  const checksum = node.getFlags().find((f) => f.getName().toLowerCase() === 'checksum')?.getValue() ?? null;
  let verify: string | null = null;
  if (checksum !== null) {
    const m = /^(sha256|sha384|sha512):([0-9a-fA-F]+)$/.exec(checksum);
    if (!m) return null;
    verify = `echo "${m[2]}  ${file}" | ${m[1]}sum -c -`;
  }
  const dir = file.slice(0, file.lastIndexOf('/')) || '/';
  const existing = dir === '/' || dir === '/tmp';
  const steps: string[] = [];
  if (tool === 'curl') steps.push(`curl -fsSL${existing ? '' : ' --create-dirs'} -o ${file} "${url}"`);
  else {
    if (!existing) steps.push(`mkdir -p ${dir}`);
    steps.push(`wget -q -O ${file} "${url}"`);
  }
  if (verify) steps.push(verify);

  const edits = [];
  const { lines } = model;
  const eol = lines.lineBreak(next.range.start.line) || model.eol;
  const esc = model.escapeChar;
  const firstStatement = script.statements[0]!;
  const firstCommand = script.commands.find((x) => x.start === firstStatement.start && x.end === firstStatement.end);
  const second = script.statements[1];
  if (firstCommand && firstCommand.name === 'set' && setsErrexit(firstCommand) && firstStatement.after === ';' && second) {
    // `set -e; …`: the download becomes statements of their own after it.
    const line = lines.positionAt(second.start).line;
    const ownLine = line !== lines.positionAt(firstStatement.start).line && text.slice(lines.starts[line]!, second.start).trim() === '';
    const indent = ownLine ? text.slice(lines.starts[line]!, second.start) : '';
    edits.push(insertAt(model, second.start, `${steps.join('; ')};${ownLine ? ` ${esc}${eol}${indent}` : ' '}`));
  } else {
    if (needsGrouping(model, next.run)) return null;
    const lead = steps.join(' && ');
    const startLine = next.range.start.line;
    const single = startLine === lines.positionAt(next.end).line;
    if (single && lines.lineText(startLine).length + lead.length + 4 <= 100) {
      edits.push(insertAt(model, script.codeStart, `${lead} && `));
    } else {
      const { leading, indent } = layoutOf(model, next);
      edits.push(insertAt(model, script.codeStart, leading ? `${lead} ${esc}${eol}${indent}&& ` : `${lead} && ${esc}${eol}${indent}`));
    }
  }
  if (!list.some((u) => u.kind === 'deletes')) {
    const append = appendToRun(model, next, `rm -f ${file}`);
    if (!append) return null;
    edits.push(...append);
  }
  const span = wholeLinesSpan(model, add);
  if (!span) return null;
  edits.push(replaceSpan(model, span.start, span.end, ''));
  return { title: t('fix', { tool, line: next.range.start.line + 1 }), safety: 'unsafe', edits };
}

function setsErrexit(cmd: ShellCommand): boolean {
  return cmd.args.some((a, i) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(a.value ?? '') || (a.value === '-o' && cmd.args[i + 1]?.value === 'errexit'));
}

/** How the RUN continues its lines: leading `&&` (with that indent) or not, and the indentation to use. */
function layoutOf(model: DockerfileModel, run: RunInst): { leading: boolean; indent: string } {
  const { lines } = model;
  const first = run.range.start.line;
  const last = lines.positionAt(run.end).line;
  const rest: string[] = [];
  for (let l = first + 1; l <= last; l++) {
    const t = lines.lineText(l);
    if (t.trim() !== '' && !t.trimStart().startsWith('#')) rest.push(t);
  }
  const lead = rest.find((t) => /^[ \t]*(&&|\|\|)/.test(t));
  if (lead) return { leading: true, indent: /^[ \t]*/.exec(lead)![0] };
  if (rest.length > 0) return { leading: false, indent: /^[ \t]*/.exec(rest[0]!)![0] };
  return { leading: true, indent: '    ' };
}
