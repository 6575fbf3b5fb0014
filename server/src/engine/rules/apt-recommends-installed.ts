import { loadBearingRecommends, minbasePackages } from '../catalog/debianPackages.js';
import { defineRule } from '../defineRule.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { insertArgAfter, insertAt } from '../edits.js';
import { aptInstallEstimates, aptInstallsWithRecommends, aptInstallWord, RecommendsConfig, type AptInstallEstimate } from '../model/aptInstalls.js';
import { installOf, installedToolchain } from '../model/builds.js';
import { runsOf, type DockerfileModel, type Inst } from '../model/model.js';
import type { ShellCommand } from '../model/shell.js';
import { imageHasCaBundle, stageImageFacts, stageLacksTool } from '../model/stageFacts.js';
import type { Fix, ReportEstimate } from '../types.js';
import { formatBytes } from '../catalog/units.js';

export default defineRule('apt-recommends-installed', {
  check({ model, report, t }) {
    const shipped = model.stages.filter((s) => s.ships);
    const config = new RecommendsConfig(model.text);
    const estimates = aptInstallEstimates(model);
    for (const inst of runsOf(shipped)) {
      const script = inst.run.script;
      const installs = aptInstallsWithRecommends(inst.run);
      if (!script || installs.length === 0) continue;
      if (config.disabledBefore(inst)) continue;
      // apt on an image without apt (an Alpine stage) fails the build: it installs no recommends.
      if (stageLacksTool(inst.stage!, 'apt')) continue;
      for (const k of installs) {
        const cmd = script.commands[k]!;
        const sub = aptInstallWord(cmd)!;
        const est = estimates.get(cmd);
        const kept = est && est.loadBearing.length > 0 ? est.loadBearing.map((l) => l.add).join(', ') : null;
        const estimate: ReportEstimate | undefined =
          est?.complete && est.recommendsBytes > 0
            ? { bytes: est.recommendsBytes, basis: kept ? { key: 'recommendsKeeping', args: { install: est.basis, kept } } : { key: 'recommendsKeepingNone', args: { install: est.basis } }, id: `apt-recommends@${cmd.start}` }
            : undefined;
        report({
          range: model.lines.range(cmd.nameWord!.start, sub.end),
          message: t('recommends', { cmd: cmd.name! }),
          fixes: [recommendsFix(model, inst, cmd, sub, est, estimate, t)],
          ...(estimate ? { estimate } : {}),
        });
      }
    }
  },
});

/**
 * Recommends a build or a download needs (`cmake` → `gcc`, `make`; `gcc` → `libc6-dev`; `curl`, `wget`,
 * `git` → `ca-certificates`), derived from Debian's package data (see loadBearingRecommends): from the
 * install's estimate when the image's package set is known, else from Debian's data on a minimal Debian
 * (Debian's newest release in the data), minus what an earlier install of the stage chain or the image has.
 */
function loadBearingFor(inst: Inst, cmd: ShellCommand, names: readonly string[], est: AptInstallEstimate | undefined): { add: string; for: string }[] {
  if (est) return [...est.loadBearing];
  const found = loadBearingRecommends('trixie', names, minbasePackages('trixie'));
  const stage = inst.stage;
  if (!stage) return found;
  const facts = stageImageFacts(stage);
  return found.filter((l) => {
    if (l.add === 'ca-certificates' && imageHasCaBundle(facts)) return false;
    if (l.add === 'libc6-dev' && imageHasLibcDev(stage)) return false;
    return installedToolchain(stage, inst, cmd.start, (n) => n === l.add).length === 0;
  });
}

/**
 * `--no-install-recommends` after `install`, plus, before the first package, the recommends the listed
 * packages need to do their usual job (see loadBearingFor). The title says what it saves, when known.
 */
function recommendsFix(
  model: DockerfileModel,
  inst: Inst,
  cmd: ShellCommand,
  sub: ShellCommand['args'][number],
  est: AptInstallEstimate | undefined,
  estimate: ReportEstimate | undefined,
  t: Translate<RuleKey<'apt-recommends-installed'>>,
): Fix {
  const install = installOf(cmd);
  const names = (install?.packages ?? []).map((p) => p.name).filter((n): n is string => n !== null);
  const added = loadBearingFor(inst, cmd, names, est);
  const edits = [insertArgAfter(model, cmd, sub, '--no-install-recommends')];
  const saves = estimate ? t('saves', { size: formatBytes(estimate.bytes) }) : '';
  // Before the first package: after the last one is where other fixes append to the RUN, and overlapping
  // fixes wait for the next round.
  const first = install?.packages[0]?.word;
  if (added.length === 0 || !first) return { title: saves ? t('fixSaves', { saves }) : t('fix'), safety: 'unsafe', edits };
  const text = cmd.json ? added.map((a) => `${JSON.stringify(a.add)}, `).join('') : added.map((a) => `${a.add} `).join('');
  edits.push(insertAt(model, first.start, text));
  const why = added.map((a) => t('keep', { pkg: a.add, for: a.for })).join(t('and'));
  return { title: saves ? t('fixKeepSaves', { why, saves }) : t('fixKeep', { why }), safety: 'unsafe', edits };
}

/**
 * The image has `libc6-dev` with its C compiler: images built on buildpack-deps (gcc, the full node,
 * python and ruby images), golang and rust (slim included), per their Dockerfiles.
 */
function imageHasLibcDev(stage: NonNullable<Inst['stage']>): boolean {
  const facts = stageImageFacts(stage);
  if (!facts || facts.libc !== 'glibc') return false;
  if (facts.family === 'golang' || facts.family === 'rust') return true;
  return facts.isToolchain && ['gcc', 'buildpack-deps', 'node', 'python', 'ruby'].includes(facts.family);
}
