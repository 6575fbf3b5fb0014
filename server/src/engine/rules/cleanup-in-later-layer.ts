import { defineRule } from '../defineRule.js';
import type { RunInst } from '../model/runs.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { isIgnored, parseDockerignore, type IgnorePattern } from '../dockerignore.js';
import { appendToRun, replaceSpan } from '../edits.js';
import { isCleanupCommand } from '../model/layerPackages.js';
import { stageLayers, type Creation, type LaterRemoval } from '../model/layers.js';
import { buildSequence, wholeLinesSpan } from '../model/order.js';
import { pathRelation, resolvePath } from '../model/paths.js';
import type { DockerfileModel, RunInfo, Stage } from '../model/model.js';
import { type ShellCommand } from '../model/shell.js';
import { logicalShellText } from '../model/shellText.js';
import type { BuildContextInfo, Fix } from '../types.js';

export default defineRule('cleanup-in-later-layer', {
  check({ model, context, report, t }) {
    for (const stage of model.stages) {
      if (!stage.ships) continue;
      // Files an ADD downloaded or unpacked are add-remote-archive's subject.
      const removals = stageLayers(model, stage)
        .removals.filter((r) => !(r.kind === 'path' && r.creations.every((c) => c.add)))
        .filter((r) => r.kind !== 'path' || r.creations.some((c) => !r.partly?.includes(c) || copiedFor(c, r, context)));
      const byRun = new Map<RunInst, LaterRemoval[]>();
      for (const r of removals) byRun.set(r.inst, [...(byRun.get(r.inst) ?? []), r]);
      for (const [inst, list] of byRun) {
        const fix = moveFix(model, stage, inst, list, t);
        for (const r of list) report({ range: model.lines.range(r.start, r.end), message: messageOf(r, t), fixes: fix ? [fix] : [] });
      }
    }
  },
});

/**
 * Whether a removal inside what COPY/ADD copied removes something that was really copied: only when the
 * build context's `.dockerignore` is known (or known to be absent) and does not exclude the path. A copy
 * from another stage or image is not known file by file.
 */
function copiedFor(c: Creation, r: LaterRemoval, context: BuildContextInfo): boolean {
  if (!c.copied) return true;
  if (!c.copied.fromContext || context.dockerignore === undefined) return false;
  if (context.dockerignore === null) return true;
  const removed = r.hits?.find((h) => h.creation === c)?.path;
  if (!removed || !removed.startsWith(`${c.path}/`)) return false;
  // A malformed file makes BuildKit refuse the build: nothing is known to be left out.
  const patterns = ignorePatterns(context.dockerignore);
  return patterns === null || !isIgnored(patterns, `${c.copied.source}/${removed.slice(c.path.length + 1)}`);
}

let lastIgnore: { content: string; patterns: IgnorePattern[] | null } | null = null;

/** The build context's ignore patterns, parsed once for the removals of a lint. */
function ignorePatterns(content: string): IgnorePattern[] | null {
  if (lastIgnore?.content !== content) lastIgnore = { content, patterns: parseDockerignore(content) };
  return lastIgnore.patterns;
}

function messageOf(r: LaterRemoval, t: Translate<RuleKey<'cleanup-in-later-layer'>>): string {
  const where = t('where', { keyword: r.source.keyword, line: r.source.range.start.line + 1 });
  const count = r.names.length + r.more;
  let what: string;
  if (r.kind === 'cache' && r.cache) what = t(r.cache);
  else if (r.kind === 'prune') what = t('devDependencies');
  else if (r.kind === 'package') {
    const names = r.names.length <= 1 ? (r.names[0] ?? '') : `${r.names.slice(0, -1).join(', ')}${r.more > 0 ? ', ' : t('and')}${r.names[r.names.length - 1]}`;
    what = t(r.more > 0 ? 'packagesMore' : 'packages', { names, more: r.more, count });
  } else what = t(r.more > 0 ? 'paths' : 'path', { path: r.names[0] ?? '', more: r.more, count: count });
  return t('later', { what, where });
}

/** A top-level piece of a script: a statement, or one command of a plain `&&`/`||` chain. */
interface Element {
  start: number;
  end: number;
  commands: ShellCommand[];
  /** The operator after it: `&&`, `||`, `;`, `&` or '' at the end. */
  after: string;
}

function elementsOf(model: DockerfileModel, run: RunInfo): Element[] | null {
  const script = run.script!;
  const logical = logicalShellText(model.text.slice(run.bodyStart, run.bodyEnd), model.escapeChar);
  const at = (start: number, end: number): string => logical.slice(start - run.bodyStart, end - run.bodyStart);
  const out: Element[] = [];
  for (const s of script.statements) {
    const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
    const gaps = inner.slice(1).map((c, i) => at(inner[i]!.end, c.start).trim());
    const plainChain = s.type === 'list' && inner.length > 1 && inner[0]!.start === s.start && inner[inner.length - 1]!.end === s.end && gaps.every((g) => g === '&&' || g === '||');
    if (plainChain) {
      inner.forEach((c, i) => out.push({ start: c.start, end: c.end, commands: [c], after: i < gaps.length ? gaps[i]! : s.after }));
    } else {
      out.push({ start: s.start, end: s.end, commands: inner, after: s.after });
    }
  }
  return out;
}

const isSet = (e: Element): boolean => e.commands.length === 1 && e.commands[0]!.name === 'set' && e.commands[0]!.start === e.start && e.commands[0]!.end === e.end;
const isTrue = (e: Element): boolean => e.commands.length === 1 && (e.commands[0]!.name === 'true' || e.commands[0]!.name === ':') && e.commands[0]!.args.length === 0;
const isCleanup = (e: Element): boolean => e.commands.length > 0 && e.commands.every((c) => isCleanupCommand(c));

/**
 * Moves the cleanup at the start of this RUN to the end of the RUN just before it, when that RUN wrote
 * everything the cleanup removes. The order of commands stays the same; only the layer boundary moves.
 */
function moveFix(model: DockerfileModel, stage: Stage, k: RunInst, removals: LaterRemoval[], t: Translate<RuleKey<'cleanup-in-later-layer'>>): Fix | null {
  const sequence = buildSequence(stage);
  const j = sequence[sequence.indexOf(k) - 1] as RunInst | undefined;
  if (!j || j.keyword !== 'RUN' || !j.run?.script || !j.run.posix || j.run.script.hasError) return null;
  if ((j.onbuild === null) !== (k.onbuild === null)) return null;
  if (removals.some((r) => r.sources.some((x) => x !== j))) return null;
  const script = k.run.script!;
  if (k.run.form !== 'shell' || script.hasError || script.comments.length > 0) return null;
  const elements = elementsOf(model, k.run);
  if (!elements) return null;

  let i = 0;
  while (i < elements.length && isSet(elements[i]!)) i++;
  const units: { start: number; end: number; grouped: boolean; commands: ShellCommand[] }[] = [];
  while (i < elements.length && isCleanup(elements[i]!)) {
    const e = elements[i]!;
    const next = elements[i + 1];
    if (e.after === '||' && next && isTrue(next) && ['&&', ';', ''].includes(next.after)) {
      units.push({ start: e.start, end: next.end, grouped: true, commands: e.commands });
      i += 2;
    } else if (['&&', ';', ''].includes(e.after)) {
      units.push({ start: e.start, end: e.end, grouped: false, commands: e.commands });
      i += 1;
    } else break;
  }
  const moved = units.flatMap((u) => u.commands);
  if (units.length === 0 || removals.some((r) => !moved.includes(r.cmd))) return null;
  // Moved commands run from another RUN's directory and variables: only absolute, static words.
  for (const c of moved) {
    if (c.args.some((a) => a.value === null) || c.assignments.length > 0) return null;
    if (c.name === 'rm' && c.args.some((a) => !a.value!.startsWith('-') && !a.value!.startsWith('/'))) return null;
  }
  for (const m of j.run.mounts) {
    const target = m.target ? resolvePath(m.target.startsWith('/') ? m.target : `/${m.target}`, '/', null) : null;
    for (const c of moved) {
      if (c.name !== 'rm' || !target) continue;
      if (c.args.some((a) => !a.value!.startsWith('-') && pathRelation(a.value!, /[*?[]/.test(a.text), target) !== null)) return null;
    }
  }
  const { text } = model;
  const pieces = units.map((u) => (u.grouped ? `{ ${text.slice(u.start, u.end)}; }` : text.slice(u.start, u.end)));
  const command = pieces.join(' && ');
  if (/[\r\n]/.test(command) && j.run.form !== 'shell') return null;
  const append = appendToRun(model, j, command);
  if (!append) return null;

  let removal;
  if (i >= elements.length) {
    removal = wholeLinesSpan(model, k);
    if (!removal) return null;
  } else {
    // Remove the moved commands and the operator after them, up to the first command that stays.
    removal = { start: units[0]!.start, end: elements[i]!.start };
    const region = text.slice(removal.start, removal.end);
    if (region.split(/\r?\n/).slice(1).some((l) => l.trimStart().startsWith('#'))) return null;
  }
  const line = j.range.start.line + 1;
  // When the removed span starts where the cleanup is appended (the later RUN is the last line, with no line
  // break after it), two edits at one offset would be ambiguous: make them one.
  const insert = append.length === 1 ? append[0]! : null;
  const insertAt = insert ? model.lines.offsetAt(insert.range.start) : -1;
  const merged = insert !== null && insertAt === model.lines.offsetAt(insert.range.end) && insertAt === removal.start;
  return {
    title: t('fix', { line }),
    safety: 'unsafe',
    edits: merged ? [replaceSpan(model, removal.start, removal.end, insert.newText)] : [...append, replaceSpan(model, removal.start, removal.end, '')],
  };
}
