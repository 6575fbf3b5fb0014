import type { Libc } from '../catalog/images.js';
import { chainOf } from '../model/chain.js';
import { defineRule } from '../defineRule.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { insertArgAfter, insertAt } from '../edits.js';
import { artifactsOf, copySourcePath, matchArtifact, type Artifact } from '../model/artifacts.js';
import { installOf } from '../model/builds.js';
import { copiesOf } from '../model/copies.js';
import { runsOf, type DockerfileModel, type Stage } from '../model/model.js';
import { rootStage, stageLibc } from '../model/stageFacts.js';
import type { Fix, TextEdit } from '../types.js';

export default defineRule('libc-mismatch', {
  check({ model, report, t }) {
    for (const copy of copiesOf(model, model.stages)) {
      const source = copy.fromStage;
      const target = copy.inst.stage;
      if (!source || !target || copy.heredoc) continue;
      const from = stageLibc(source);
      const to = stageLibc(target);
      if (from !== 'glibc' && from !== 'musl') continue;
      if (to === null || to === 'windows' || to === from) continue;
      if (to === 'musl' && from === 'glibc' && installsGlibcCompat(target)) continue;
      const artifacts = artifactsOf(source);
      if (artifacts.length === 0) continue;
      const stageName = source.name ?? String(source.index);
      let weakReported = false;
      for (const word of copy.sources) {
        if (word.value === null) continue;
        const path = copySourcePath(word.value);
        if (path === null) continue;
        const exact = artifacts.filter((a) => matchArtifact(a, path) === 'exact');
        const dynamic = exact.filter((a) => a.linking === 'dynamic');
        if (dynamic.length > 0) {
          const a = dynamic[0]!;
          const fix = fixFor(model, dynamic, t);
          report({
            range: model.lines.range(word.start, word.end),
            message: describe(t, 'needs', { path: word.value, stage: stageName, source, target, from, to }, a, fix),
            fixes: fix ? [fix] : [],
          });
          continue;
        }
        if (exact.length > 0 || weakReported) continue;
        // The output is only partly known: report when every build that could have made it is dynamic.
        const maybe = artifacts.filter((a) => matchArtifact(a, path) === 'maybe');
        if (maybe.length === 0 || maybe.some((a) => a.linking !== 'dynamic')) continue;
        const a = maybe[0]!;
        weakReported = true;
        report({
          range: model.lines.range(word.start, word.end),
          message: describe(t, 'maybe', { path: word.value, stage: stageName, source, target, from, to }, a, null),
        });
      }
    }
  },
});

const LIBC: Record<Exclude<Libc, 'none'>, string> = { glibc: 'glibc', musl: 'musl', uclibc: 'uClibc', windows: 'Windows' };

type T = Translate<RuleKey<'libc-mismatch'>>;

function libcName(t: T, libc: Libc): string {
  return libc === 'none' ? t('noLibc') : LIBC[libc];
}

/** The message: what the program needs and the image has, how it was built, and what to do. */
function describe(
  t: T,
  key: 'needs' | 'maybe',
  w: { path: string; stage: string; source: Stage; target: Stage; from: Libc; to: Libc },
  a: Artifact,
  fix: Fix | null,
): string {
  const from = libcName(t, w.from);
  const reason = a.reason === '' ? '' : t(a.reason, { target: a.target ?? '' });
  let message = t(key, { path: w.path, from, to: libcName(t, w.to), image: rootStage(w.target).image ?? '?', label: a.label, stage: w.stage, source: rootStage(w.source).image ?? '?', reason });
  if (a.kind === 'go') message += t('goNote', { libc: from });
  if (a.kind === 'go') message += t(a.explicit ? 'goExplicit' : 'goCgo');
  else if (a.kind === 'c') message += t('cStatic');
  else if (!fix) message += t('rustMusl');
  return message;
}

/** Alpine packages that provide a glibc compatibility layer. */
function installsGlibcCompat(stage: Stage): boolean {
  for (const r of runsOf(chainOf(stage))) {
    for (const cmd of r.run.script?.commands ?? []) {
      const ins = installOf(cmd);
      if (ins?.packages.some((p) => p.name === 'gcompat' || p.name === 'libc6-compat')) return true;
    }
  }
  return false;
}

/** One fix for every dynamic build the copied path comes from, when each can be made static. */
function fixFor(model: DockerfileModel, artifacts: Artifact[], t: T): Fix | null {
  const edits: TextEdit[] = [];
  const seen = new Set<number>();
  for (const a of artifacts) {
    if (seen.has(a.cmd.start)) continue;
    seen.add(a.cmd.start);
    const nameWord = a.cmd.nameWord!;
    if (a.kind === 'go') {
      if (a.explicit || a.cmd.json || !prefixable(model, a)) return null;
      edits.push(insertAt(model, nameWord.start, 'CGO_ENABLED=0 '));
    } else if (a.kind === 'c') {
      edits.push(insertArgAfter(model, a.cmd, nameWord, '-static'));
    } else {
      return null;
    }
  }
  if (edits.length === 0) return null;
  const kinds = new Set(artifacts.map((a) => a.kind));
  const title = t(kinds.has('go') && kinds.has('c') ? 'fixBoth' : kinds.has('go') ? 'fixGo' : 'fixC');
  return { title, safety: 'unsafe', edits };
}

/** `CGO_ENABLED=0 ` can go right before `go`: nothing but assignments, `env` or `sudo` (with flags) precede it. */
function prefixable(model: DockerfileModel, a: Artifact): boolean {
  let prefix = model.text.slice(a.cmd.start, a.cmd.nameWord!.start);
  for (const asg of [...a.cmd.assignments].sort((x, y) => y.start - x.start)) {
    if (asg.start >= a.cmd.start && asg.end <= a.cmd.nameWord!.start) {
      prefix = prefix.slice(0, asg.start - a.cmd.start) + ' '.repeat(asg.end - asg.start) + prefix.slice(asg.end - a.cmd.start);
    }
  }
  return /^\s*(?:(?:\/usr\/bin\/)?(?:env|sudo)(?:\s+-[A-Za-z]+)*\s*)*$/.test(prefix);
}
