import { defineRule } from '../defineRule.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { compileSteps, installedToolchain, type CompileStep } from '../model/builds.js';
import { shippedTip } from '../model/chain.js';
import { runsOf, type DockerfileModel, type Stage } from '../model/model.js';
import { buildEssentialKept } from '../model/estimates.js';
import { isBaseImageDefinition } from '../model/startCommand.js';
import { isTransientBuild } from '../model/transientToolchain.js';
import { rootStage, stageImageFacts } from '../model/stageFacts.js';
import { builderImage, isBuildImage } from '../split/images.js';
import { formatBytes } from '../catalog/units.js';
import type { SplitSaving } from '../model/splitEstimate.js';
import { PLACEHOLDER, planSplit, type SplitResult } from '../split/split.js';
import type { Report, ReportEstimate } from '../types.js';


/** Measured: build-essential (--no-install-recommends) left in the image vs a multi-stage build (notes, variants h and k). */
export default defineRule('build-in-final-stage', {
  check({ model, context, report, t, locale }) {
    reportPlaceholders(model, report, t);
    const final = shippedTip(model);
    if (!final) return;
    // An image for others to build on (official language images) carries its toolchain on purpose.
    if (isBaseImageDefinition(model, final)) return;
    const shipped = model.stages.filter((s) => s.ships);
    const reported = new Set<number>();
    let split: SplitResult | null = null;
    // One finding per stage: its first build step, with the others as related locations.
    const byStage = new Map<Stage, { step: CompileStep; what: string; size: string; estimate: ReportEstimate | undefined }[]>();
    for (const step of compileSteps(runsOf(shipped))) {
      if (reported.has(step.inst.start)) continue;
      const stage = step.inst.stage!;
      const facts = stageImageFacts(stage);
      const installed = installedToolchain(stage, step.inst, step.cmd.start);
      const fromImage = facts?.isToolchain === true || (facts === null && isBuildImage(builderImage(model, stage)));
      if (!fromImage && installed.length === 0) continue;
      // Installed, used and removed in this one RUN: nothing of the toolchain reaches the layer, whatever
      // the base (unless the step builds with the base's own language toolchain, such as a JDK).
      if (isTransientBuild(step, fromImage)) continue;
      reported.add(step.inst.start);
      const image = rootStage(stage).image ?? '';
      const size = facts?.approxCompressedSize;
      const what = fromImage ? t('toolchainOf', { toolchain: t(step.kind), image }) : t('installed', { list: installed.join(', ') });
      const sizeNote = fromImage && size && size.mb > 0 ? t('size', { image, mb: size.mb, date: size.date }) : '';
      const estimate = !fromImage && installed.includes('build-essential') ? buildEssentialKept(stage) : undefined;
      const list = byStage.get(stage) ?? [];
      list.push({ step, what, size: sizeNote, estimate });
      byStage.set(stage, list);
    }
    for (const steps of byStage.values()) {
      const [first, ...others] = steps;
      split ??= planSplit(model, context);
      // The split's reasons are written for Markdown; a diagnostic shows backticks literally, so they become quotes.
      const note = 'reason' in split ? t('noSplit', { reason: locale === 'zh-cn' ? split.zh.replace(/`([^`]*)`/g, '“$1”') : split.reason.replace(/`([^`]*)`/g, '"$1"') }) : '';
      const vars = { step: first!.step.label, count: others.length, what: first!.what };
      const lead = t(others.length === 0 ? 'builds' : others.length === 1 ? 'buildsOneMore' : 'buildsMore', vars);
      // An offered split carries its own estimate (base image, packages left behind, what it adds), whose
      // build-essential part has the id build-dependencies-kept uses; otherwise build-essential kept, if any.
      const saving = 'fix' in split && split.saving.parts.length > 0 && split.saving.bytes > 0 ? split.saving : null;
      const estimate: ReportEstimate | undefined = saving ? { bytes: saving.bytes, basis: saving.basis, id: saving.id, parts: saving.parts } : steps.find((s) => s.estimate)?.estimate;
      report({
        range: model.lines.range(first!.step.start, first!.step.end),
        message: `${lead}${first!.size}${note}`,
        ...('fix' in split ? { fixes: [{ ...split.fix, title: t('split', { image: split.runtimeImage, saving: savingText(split.saving, t) }) }] } : {}),
        ...(estimate ? { estimate } : {}),
        ...(others.length > 0 ? { related: others.map((o) => ({ range: model.lines.range(o.step.start, o.step.end), message: t('alsoBuilds', { step: o.step.label }) })) } : {}),
      });
    }
  },
});

/** A split whose program path was not known left a placeholder in a `COPY --from`: it must be replaced. */
/** What the split saves, as the split's own English title says it (split/saving.ts), in the rule's language. */
function savingText(s: SplitSaving, t: Translate<RuleKey<'build-in-final-stage'>>): string {
  if (s.unknown.length > 0) return s.bytes > 0 ? t('moreThan', { size: formatBytes(s.bytes) }) : t('notEstimated');
  return t(s.bytes >= 0 ? 'smaller' : 'bigger', { size: formatBytes(Math.abs(s.bytes)) });
}

function reportPlaceholders(model: DockerfileModel, report: (r: Report) => void, t: Translate<RuleKey<'build-in-final-stage'>>): void {
  for (const stage of model.stages) {
    for (const inst of stage.instructions) {
      if (inst.keyword !== 'COPY') continue;
      for (const arg of inst.node.getArguments()) {
        if (arg.getValue() !== PLACEHOLDER) continue;
        report({
          range: arg.getRange(),
          message: t('placeholder', { placeholder: PLACEHOLDER }),
          severity: 'error',
        });
      }
    }
  }
}
