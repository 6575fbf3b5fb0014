import { defineRule } from '../defineRule.js';
import { compileSteps, installedToolchain, type CompileStep } from '../model/builds.js';
import { runsOf, type DockerfileModel, type Stage } from '../model/model.js';
import { buildEssentialKept } from '../model/estimates.js';
import { isBaseImageDefinition } from '../model/startCommand.js';
import { isTransientBuild } from '../model/transientToolchain.js';
import { rootStage, stageImageFacts } from '../model/stageFacts.js';
import { builderImage, isBuildImage } from '../split/images.js';
import { PLACEHOLDER, planSplit, type SplitResult } from '../split/split.js';
import type { Estimate, Report } from '../types.js';

const TOOLCHAIN_OF: Record<CompileStep['kind'], string> = {
  go: 'the Go toolchain',
  c: 'the C compiler',
  make: 'the compilers',
  rust: 'the Rust toolchain',
  maven: 'the JDK and Maven',
  gradle: 'the JDK and Gradle',
  javac: 'the JDK',
  node: 'the build tools',
  dotnet: 'the .NET SDK',
  pip: 'the compilers',
};

/** Measured: build-essential (--no-install-recommends) left in the image vs a multi-stage build (notes, variants h and k). */
export default defineRule({
  meta: {
    id: 'build-in-final-stage',
    summary: 'The final stage compiles, so the toolchain ships in the image',
    rationale:
      'Compilers, SDKs and build tools are needed to build, not to run. Building in the stage that ships leaves them, plus sources and caches, in the image: hundreds of MB for Go, Java, .NET or C toolchains. A build stage followed by `COPY --from` ships only the result.',
    category: 'size',
    defaultSeverity: 'warning',
    fix: 'unsafe',
    related: [],
  },
  check({ model, context, report }) {
    reportPlaceholders(model, report);
    const final = model.stages[model.stages.length - 1];
    if (!final) return;
    // An image for others to build on (official language images) carries its toolchain on purpose.
    if (isBaseImageDefinition(model, final)) return;
    const shipped = model.stages.filter((s) => s.ships);
    const reported = new Set<number>();
    let split: SplitResult | null = null;
    // One finding per stage: its first build step, with the others as related locations.
    const byStage = new Map<Stage, { step: CompileStep; what: string; estimate: Estimate | undefined }[]>();
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
      const what = fromImage
        ? `${TOOLCHAIN_OF[step.kind]} of \`${image}\`${size && size.mb > 0 ? ` (about ${size.mb} MB compressed, ${size.date})` : ''}`
        : `the installed ${installed.map((p) => `\`${p}\``).join(', ')}`;
      const estimate = !fromImage && installed.includes('build-essential') ? buildEssentialKept(stage) : undefined;
      const list = byStage.get(stage) ?? [];
      list.push({ step, what, estimate });
      byStage.set(stage, list);
    }
    for (const steps of byStage.values()) {
      const [first, ...others] = steps;
      split ??= planSplit(model, context);
      const note = 'reason' in split ? ` No automatic split: ${split.reason}.` : '';
      const who = others.length === 0 ? `\`${first!.step.label}\` runs` : `\`${first!.step.label}\` and ${others.length} more build step${others.length === 1 ? '' : 's'} run`;
      // An offered split carries its own estimate (base image, packages left behind, what it adds), whose
      // build-essential part has the id build-dependencies-kept uses; otherwise build-essential kept, if any.
      const saving = 'fix' in split && split.saving.parts.length > 0 && split.saving.bytes > 0 ? split.saving : null;
      const estimate: Estimate | undefined = saving ? { bytes: saving.bytes, basis: saving.basis, id: saving.id, parts: saving.parts } : steps.find((s) => s.estimate)?.estimate;
      report({
        range: model.lines.range(first!.step.start, first!.step.end),
        message: `${who} in the final stage, which ships ${first!.what} along with the result: build in a separate stage and \`COPY --from\` only what runs.${note}`,
        ...('fix' in split ? { fixes: [split.fix] } : {}),
        ...(estimate ? { estimate } : {}),
        ...(others.length > 0 ? { related: others.map((o) => ({ range: model.lines.range(o.step.start, o.step.end), message: `"${o.step.label}" also builds in the final stage` })) } : {}),
      });
    }
  },
});

/** A split whose program path was not known left a placeholder in a `COPY --from`: it must be replaced. */
function reportPlaceholders(model: DockerfileModel, report: (r: Report) => void): void {
  for (const stage of model.stages) {
    for (const inst of stage.instructions) {
      if (inst.keyword !== 'COPY') continue;
      for (const arg of inst.node.getArguments()) {
        if (arg.getValue() !== PLACEHOLDER) continue;
        report({
          range: arg.getRange(),
          message: `\`${PLACEHOLDER}\` is a placeholder left by the split: replace it with the path of the program the build stage writes.`,
          severity: 'error',
        });
      }
    }
  }
}
