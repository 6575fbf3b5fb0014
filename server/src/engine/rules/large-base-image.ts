import { formatImageRef, parseImageRef, type ImageRef } from '../catalog/imageRef.js';
import { lookupImage, slimTagFor, type SizeFigure } from '../catalog/images.js';
import { imageSizeChange } from '../catalog/imageSizes.js';
import { defineRule } from '../defineRule.js';
import { insertAt, replaceSpan } from '../edits.js';
import { compileSteps, installedToolchain, installOf } from '../model/builds.js';
import { runsOf, type Stage } from '../model/model.js';
import { fromImage, rootStage, shippedImage } from '../model/stageFacts.js';
import { isTransientBuild } from '../model/transientToolchain.js';
import type { Fix, ReportEstimate, TextEdit } from '../types.js';

/** Tools the full images have and the slim ones do not. */
const FULL_ONLY_TOOLS = new Set(['curl', 'wget', 'git']);

export default defineRule('large-base-image', {
  check({ model, report, t }) {
    const image = shippedImage(model);
    if (!image) return;
    const { ref: resolved, facts } = image;
    const root = rootStage(image.stage);
    const at = fromImage(model, root);
    if (!resolved || !facts || !at) return;
    const slimTag = slimTagOf(resolved);
    if (slimTag === null) return;
    const shipped = model.stages.filter((s) => s.ships);
    const runs = runsOf(shipped);
    // Building in the final stage is build-in-final-stage's finding; the toolchain is needed there. A build
    // that installs, uses and purges its own toolchain in one RUN does not need the image's.
    if (compileSteps(runs).some((step) => !isTransientBuild(step, true))) return;
    if (shipped.some((s) => installedToolchain(s, null, Infinity).length > 0)) return;

    const slimRef = parseImageRef(`${resolved.familiarName}:${slimTag}`);
    const slimFacts = slimRef ? lookupImage(slimRef) : null;
    const fullSize = facts.approxCompressedSize;
    const slimSize = slimFacts?.approxCompressedSize ?? null;
    const current = formatImageRef(resolved);
    const proposed = `${resolved.familiarName}:${slimTag}`;
    const usedTool = toolUsed(shipped);

    let message = t('full', { current, proposed });
    let estimate: ReportEstimate | undefined;
    if (fullSize && slimSize && fullSize.mb > slimSize.mb) {
      const both = slimSize.uncompressedMb !== undefined && fullSize.uncompressedMb !== undefined;
      const figure = (size: SizeFigure): string => t('figure', { image: size.measuredImage, date: size.date });
      message += t(both ? 'sizeUncompressed' : 'size', {
        slim: slimSize.mb,
        full: fullSize.mb,
        slimU: slimSize.uncompressedMb ?? '',
        fullU: fullSize.uncompressedMb ?? '',
        slimFigure: figure(slimSize),
        fullFigure: figure(fullSize),
      });
      estimate = imageSizeChange(fullSize, slimSize) ?? undefined;
    }
    if (usedTool) message += t('tool', { tool: usedTool });
    if (resolved.digest !== null) message += t('digest');

    const fixes: Fix[] = [];
    const edit = usedTool ? null : slimEdit(model, at, root);
    if (edit) fixes.push({ title: t('fix', { image: proposed }), safety: 'unsafe', edits: [edit] });
    report({ range: model.lines.range(at.start, at.end), message, fixes, ...(estimate ? { estimate } : {}) });
  },
});

/** The slim tag for a resolved reference; a missing tag counts as `latest`. */
function slimTagOf(ref: ImageRef): string | null {
  const name = ref.familiarName;
  const tagged = parseImageRef(`${name}:${ref.tag ?? 'latest'}`);
  return tagged ? slimTagFor(tagged) : null;
}

/** The edit that switches the FROM to the slim tag, written in the terms of the source (ARGs kept). */
function slimEdit(model: Parameters<typeof fromImage>[0], at: NonNullable<ReturnType<typeof fromImage>>, root: Stage): TextEdit | null {
  const ref = at.ref;
  if (!ref || ref.digest !== null || root.imageText !== at.text) return null;
  if (ref.tag !== null) {
    const tag = slimTagFor(ref);
    if (tag === null || ref.tagStart === null || ref.tagEnd === null) return null;
    return replaceSpan(model, at.start + ref.tagStart, at.start + ref.tagEnd, tag);
  }
  if (ref.tagInsertOffset === null) return null;
  const latest = parseImageRef(`${at.text}:latest`, (n) => model.globalArgs.get(n) ?? undefined);
  const tag = latest ? slimTagFor(latest) : null;
  return tag === null ? null : insertAt(model, at.start + ref.tagInsertOffset, `:${tag}`);
}

/** A tool of the full image that the shipped stages call without installing it. */
function toolUsed(shipped: Stage[]): string | null {
  const installed = new Set<string>();
  for (const r of runsOf(shipped)) {
    for (const c of r.run.script?.commands ?? []) {
      for (const p of installOf(c)?.packages ?? []) if (p.name) installed.add(p.name);
      if (c.name && FULL_ONLY_TOOLS.has(c.name) && !installed.has(c.name)) return c.name;
      // pip and npm fetch `git+https://…` requirements with git.
      if (!installed.has('git') && c.args.some((a) => /^git\+|^git:\/\//.test(a.value ?? ''))) return 'git';
    }
  }
  for (const s of shipped) {
    for (const i of s.instructions) {
      if (i.keyword !== 'HEALTHCHECK' && i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') continue;
      const words = i.node.getArguments().map((a) => a.getValue().replace(/^\[?"?|"?,?\]?$/g, ''));
      for (const w of words) {
        const base = w.slice(w.lastIndexOf('/') + 1);
        if (FULL_ONLY_TOOLS.has(base) && !installed.has(base)) return base;
      }
    }
  }
  return null;
}
