import { defineRule } from '../defineRule.js';
import type { RunInst } from '../model/runs.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { replaceSpan } from '../edits.js';
import { buildSequence, keywordSpan, linesBetween, outerStart } from '../model/order.js';
import {
  commandCount,
  isFlatChain,
  needsGrouping,
  pathSearchedCommands,
  readsShellHistory,
  shellEffects,
  shellHasErrexit,
  trailingComment,
} from '../model/shellEffects.js';
import type { DockerfileModel, Inst, RunInfo } from '../model/model.js';
import { stageHasShell } from '../model/stageFacts.js';
import type { Fix, RuleContext, TextEdit } from '../types.js';

/** A RUN chaining more commands than this is taken as a deliberate step of its own (as hadolint DL3059 does). */
const MAX_COMMANDS = 2;
/** Longest line a merge may produce before it uses continuation lines. */
const MAX_ONE_LINE = 100;
const PRAGMA = /^\s*#\s*(dockerfile-slim|hadolint)\s+(global\s+)?ignore\s*=/;

export default defineRule('consecutive-run', {
  check({ model, report, t }) {
    for (const stage of model.stages) {
      if (!stage.ships) continue;
      const hasShell = stageHasShell(stage) === true;
      let group: RunInst[] = [];
      const flush = (): void => {
        if (group.length >= 2) reportGroup(model, group, report, t);
        group = [];
      };
      for (const inst of buildSequence(stage)) {
        if (!eligible(model, inst, hasShell)) {
          flush();
          continue;
        }
        const prev = group[group.length - 1];
        if (!prev || !joinable(model, prev, inst)) flush();
        group.push(inst);
      }
      flush();
    }
  },
});

function eligible(model: DockerfileModel, inst: Inst, hasShell: boolean): inst is RunInst {
  const run = inst.run;
  if (inst.keyword !== 'RUN' || !run || !run.posix || !run.script || run.script.hasError) return false;
  if (run.form === 'heredoc' || run.script.statements.length === 0) return false;
  if (run.form === 'exec' && !hasShell) return false;
  return commandCount(model, run, MAX_COMMANDS) <= MAX_COMMANDS;
}

function joinable(model: DockerfileModel, a: RunInst, b: RunInst): boolean {
  if ((a.onbuild === null) !== (b.onbuild === null)) return false;
  if (flagKey(a.run) !== flagKey(b.run)) return false;
  const between = linesBetween(model, a.end, outerStart(model, b));
  if (between === null) return false;
  // An ignore comment applies to the instruction under it; inside a merged RUN it would apply to nothing.
  if (between.some((l) => PRAGMA.test(l))) return false;
  // A blank line, then a comment heading right above the second RUN, marks a section the author split on
  // purpose (the official images' style): not a smell.
  const gap = model.text.slice(a.end, outerStart(model, b));
  return !/(?:\r\n|\n|\r)[ \t]*(?:\r\n|\n|\r)(?:[ \t]*#[^\r\n]*(?:\r\n|\n|\r))+[ \t]*$/.test(gap);
}

function flagKey(run: RunInfo): string {
  return run.flags
    .map((f) => f.toString().trim())
    .sort()
    .join(' ');
}

type T = Translate<RuleKey<'consecutive-run'>>;

function reportGroup(model: DockerfileModel, group: RunInst[], report: RuleContext['report'], t: T): void {
  const second = keywordSpan(model, group[1]!);
  const last = keywordSpan(model, group[group.length - 1]!);
  const lines = group.map((g) => model.lines.positionAt(keywordSpan(model, g).start).line + 1);
  let message = t('consecutive', { count: group.length, lines: listOf(lines, t('and')) });
  const merged = mergeFix(model, group, t);
  const fixes: Fix[] = [];
  if ('reason' in merged) message += t('noFix', { reason: merged.reason });
  else fixes.push(merged.fix);
  report({ range: model.lines.range(second.start, last.end), message, fixes });
}

function listOf(items: number[], and: string): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

interface Part {
  inst: RunInst;
  codeStart: number;
  codeEnd: number;
  /** End of the last statement (before a trailing `;` or `&`). */
  lastEnd: number;
  /** The operator after the last statement: '', ';' or '&'. */
  after: string;
  /** The shell comment at the end of the RUN, as a Dockerfile comment line. */
  comment: string | null;
  /** Comment lines between the keyword and the first command (`RUN \` then `# note`). */
  headComments: string[];
  braced: boolean;
}

function lineOf(model: DockerfileModel, offset: number): number {
  return model.lines.positionAt(offset).line;
}

function partOf(model: DockerfileModel, inst: RunInst, t: T): Part | string {
  const { text, lines } = model;
  const script = inst.run.script!;
  const lastStatement = script.statements[script.statements.length - 1]!;
  if (script.comments.length > 1) return t('severalComments');
  const comment = trailingComment(script);
  if (comment && /[\r\n]/.test(text.slice(comment.start, comment.end))) return t('multilineComment');
  let rest = text.slice(lastStatement.end, inst.end);
  if (comment) rest = rest.slice(0, comment.start - lastStatement.end) + rest.slice(comment.end - lastStatement.end);
  if (rest.trim() !== lastStatement.after.trim()) return t('trailingText');
  const headComments: string[] = [];
  for (let l = lineOf(model, outerStart(model, inst)) + 1; l < lineOf(model, script.codeStart); l++) {
    const t = lines.lineText(l);
    if (t.trimStart().startsWith('#')) headComments.push(t);
  }
  return {
    inst,
    codeStart: script.codeStart,
    codeEnd: script.codeEnd,
    lastEnd: lastStatement.end,
    after: lastStatement.after,
    comment: comment ? text.slice(comment.start, comment.end) : null,
    headComments,
    braced: false,
  };
}

function mergeFix(model: DockerfileModel, group: RunInst[], t: T): { fix: Fix } | { reason: string } {
  const { text, lines, escapeChar: esc } = model;
  if (group.some((g) => g.run.form === 'exec')) return { reason: t('execForm') };
  const parts: Part[] = [];
  for (const g of group) {
    const p = partOf(model, g, t);
    if (typeof p === 'string') return { reason: p };
    parts.push(p);
  }
  for (const p of parts.slice(0, -1)) {
    const ends = shellEffects(model, p.inst.run).ends;
    if (ends) return { reason: t('ends', { ends: ends.replace(/`/g, '"'), line: lineOf(model, p.inst.start) + 1 }) };
  }
  for (let i = 1; i < parts.length; i++) {
    const prev = parts[i - 1]!;
    parts[i]!.braced = !(!prev.braced && prev.after === '&') && needsGrouping(model, parts[i]!.inst.run);
  }
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const eol = lines.lineBreak(lineOf(model, first.inst.start)) || model.eol;
  const { style, indent } = continuationStyle(model, group);

  /** What ends a part that more code follows: its closing brace, or its `&`. */
  const closing = (p: Part): string => {
    if (p.braced) return `${text.slice(p.lastEnd, p.codeEnd)}${p.after ? ' }' : '; }'}`;
    return p.after === '&' ? text.slice(p.lastEnd, p.codeEnd) : '';
  };
  const operator = (prev: Part): string => (!prev.braced && prev.after === '&' ? '' : '&&');

  const edits: TextEdit[] = [];
  const oneLineCandidate =
    parts.every((p) => p.comment === null && p.headComments.length === 0) &&
    group.every((g) => lineOf(model, outerStart(model, g)) === lineOf(model, g.end)) &&
    parts.slice(1).every((p, i) => lineOf(model, outerStart(model, p.inst)) === lineOf(model, parts[i]!.inst.end) + 1);
  if (oneLineCandidate) {
    let line = text.slice(lines.starts[lineOf(model, first.inst.start)]!, first.lastEnd);
    const pieces: string[] = [];
    for (let i = 1; i < parts.length; i++) {
      const prev = parts[i - 1]!;
      const p = parts[i]!;
      const op = operator(prev);
      const piece = `${closing(prev)}${op ? ` ${op} ` : ' '}${p.braced ? '{ ' : ''}`;
      pieces.push(piece);
      line += piece + text.slice(p.codeStart, p.lastEnd);
    }
    if (line.length + (last.braced ? 3 : 0) <= MAX_ONE_LINE) {
      parts.slice(1).forEach((p, i) => edits.push(replaceSpan(model, parts[i]!.lastEnd, p.codeStart, pieces[i]!)));
    }
  }
  if (edits.length === 0) {
    for (let i = 1; i < parts.length; i++) {
      const prev = parts[i - 1]!;
      const p = parts[i]!;
      const op = operator(prev);
      // The end of the previous RUN continues onto the next line; its shell comment becomes a comment line.
      const opAtEnd = style === 'trailing' && op ? ` ${op}` : '';
      edits.push(replaceSpan(model, prev.lastEnd, prev.inst.end, `${closing(prev)}${opAtEnd} ${esc}${prev.comment ? `${eol}${prev.comment}` : ''}`));
      // Blank lines would be empty continuation lines; comment lines between stay where they are.
      const from = lineOf(model, prev.inst.end) + 1;
      const to = lineOf(model, outerStart(model, p.inst));
      for (let l = from; l < to; l++) {
        if (lines.lineText(l).trim() === '') edits.push(replaceSpan(model, lines.starts[l]!, lines.starts[l + 1]!, ''));
      }
      // `RUN` and its flags give way to the operator.
      const opAtStart = style === 'leading' && op ? `${op} ` : '';
      const head = p.headComments.map((c) => c + eol).join('');
      edits.push(replaceSpan(model, outerStart(model, p.inst), p.codeStart, `${head}${indent}${opAtStart}${p.braced ? '{ ' : ''}`));
    }
  }
  if (last.braced) edits.push(replaceSpan(model, last.codeEnd, last.codeEnd, last.after ? ' }' : '; }'));

  const unsafe = unsafeReason(model, parts);
  return { fix: { title: t('fix', { count: parts.length }), safety: unsafe ? 'unsafe' : 'safe', edits } };
}

/** Why the merged RUN might not behave like the separate ones, or null when it provably does. */
function unsafeReason(model: DockerfileModel, parts: Part[]): string | null {
  const searched = new Set<string>();
  for (let i = 0; i < parts.length - 1; i++) {
    const run = parts[i]!.inst.run;
    const effects = shellEffects(model, run);
    if (effects.state) return `it changes the shell's state with ${effects.state}`;
    if (effects.background) return 'it leaves a job running in the background';
    for (const name of pathSearchedCommands(run)) searched.add(name);
    const next = parts[i + 1]!.inst.run;
    for (const name of pathSearchedCommands(next)) if (searched.has(name)) return `\`${name}\` runs again in the same shell, which remembers where it found it`;
    if (readsShellHistory(model, next)) return 'a later RUN reads a variable such as `$_` that depends on earlier commands';
  }
  if (shellHasErrexit(parts[0]!.inst.run)) {
    // With `-e` from SHELL, a failure on the left of `&&` (or in a group there) no longer stops the shell:
    // only simple chains keep the same behaviour in that place.
    for (const p of parts.slice(0, -1)) {
      if (p.braced) return 'SHELL sets `-e`, which a group inside `&&` would not honour';
      if (p.after === '&') continue;
      const script = p.inst.run.script!;
      if (!isFlatChain(model, p.inst.run, script.statements[script.statements.length - 1]!)) {
        return 'SHELL sets `-e`, which a compound command on the left of `&&` would not honour';
      }
    }
  }
  return null;
}

/**
 * How continuation lines look in the group: leading operators (`\` then `&& cmd`), trailing operators
 * (`cmd && \`), or neither (then leading, with the group's indentation or four spaces).
 */
function continuationStyle(model: DockerfileModel, group: RunInst[]): { style: 'leading' | 'trailing'; indent: string } {
  const { lines, escapeChar } = model;
  const trailing = new RegExp(`(&&|\\|\\|)\\s*${escapeChar === '`' ? '`' : '\\\\'}\\s*$`);
  const continuation: string[] = [];
  let trailingIndent: string | null = null;
  for (const g of group) {
    const firstLine = lineOf(model, outerStart(model, g));
    const lastLine = lineOf(model, g.end);
    for (let l = firstLine; l <= lastLine; l++) {
      const t = lines.lineText(l);
      if (t.trim() === '' || t.trimStart().startsWith('#')) continue;
      if (l > firstLine) continuation.push(t);
      if (trailingIndent === null && trailing.test(t)) {
        for (let m = l + 1; m <= lastLine; m++) {
          const u = lines.lineText(m);
          if (u.trim() === '' || u.trimStart().startsWith('#')) continue;
          trailingIndent = /^[ \t]*/.exec(u)![0];
          break;
        }
      }
    }
  }
  const leading = continuation.find((t) => /^[ \t]*(&&|\|\|)/.test(t));
  if (leading) return { style: 'leading', indent: /^[ \t]*/.exec(leading)![0] };
  if (trailingIndent !== null) return { style: 'trailing', indent: trailingIndent };
  return { style: 'leading', indent: continuation.some((t) => t.startsWith('\t')) ? '\t' : '    ' };
}
