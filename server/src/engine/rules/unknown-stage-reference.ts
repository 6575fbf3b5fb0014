import { lookupImage } from '../catalog/images.js';
import { parseImageRef } from '../catalog/imageRef.js';
import { defineRule } from '../defineRule.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { copyInfo, mountFromWords, type Word } from '../model/copies.js';
import type { DockerfileModel, Stage } from '../model/model.js';
import { fromImage } from '../model/stageFacts.js';

/**
 * Names people give build stages. A `--from` of one of these that names no stage is almost surely a stage
 * that was renamed, removed or never added (a half-applied split), not an image on a registry.
 */
const STAGE_WORDS = new Set([
  'artifact', 'artifacts', 'assets', 'backend', 'base', 'build', 'build-env', 'builder', 'building', 'compile', 'compiler',
  'deps', 'dependencies', 'dev', 'development', 'dist', 'final', 'frontend', 'install', 'installer', 'packager',
  'prepare', 'prod', 'production', 'publish', 'publisher', 'release', 'runtime', 'source', 'sources', 'stage', 'test', 'tests',
]);
const STAGE_LIKE = /^(?:build|builder|stage|deps)[-_][a-z0-9_.-]+$/;
/** In `FROM`, where a local image is common (`FROM base`), only the names that say "build stage" outright. */
const BUILD_STAGE = /^(?:build|builder|build-env|(?:build|builder|stage)[-_][a-z0-9_.-]+)$/;

export default defineRule('unknown-stage-reference', {
  check({ model, report, t }) {
    const defined = new Map<string, Stage>();
    for (const s of model.stages) if (s.name) defined.set(s.name, s);
    const earlier = (stage: Stage, name: string): boolean => {
      const s = defined.get(name);
      return s !== undefined && s.index < stage.index;
    };
    for (const stage of model.stages) {
      // FROM <name>: a stage defined later (or this one), or a name that says "build stage" and no stage has.
      const image = fromImage(model, stage);
      const fromName = image?.text.toLowerCase();
      if (image && fromName && !defined.has(fromName) && BUILD_STAGE.test(fromName) && !(image.ref && lookupImage(image.ref)) && model.stages.length > 1) {
        report({
          range: model.lines.range(image.start, image.end),
          message: t('noStage', { name: image.text }),
        });
      } else if (image && fromName && defined.has(fromName) && !earlier(stage, fromName)) {
        const target = defined.get(fromName)!;
        report({
          range: model.lines.range(image.start, image.end),
          message:
            target === stage ? t('ownFrom', { name: image.text }) : t('belowFrom', { name: image.text, line: target.fromInst.range.start.line + 1 }),
        });
      }
      for (const inst of stage.instructions) {
        if (inst.onbuild) continue;
        const words: Word[] = [];
        const copy = copyInfo(model, inst);
        if (copy?.from) words.push(copy.from);
        words.push(...mountFromWords(model, inst));
        for (const word of words) {
          const message = problemWith(model, stage, word, defined, earlier, t);
          if (message) report({ range: model.lines.range(word.start, word.end), message });
        }
      }
    }
  },
});

function problemWith(
  model: DockerfileModel,
  stage: Stage,
  word: Word,
  defined: ReadonlyMap<string, Stage>,
  earlier: (stage: Stage, name: string) => boolean,
  t: Translate<RuleKey<'unknown-stage-reference'>>,
): string | null {
  const value = word.value;
  // Variables, numbers (stage-referenced-by-index), registries, tags and digests: not ours to judge.
  if (value === null || value === '' || /[$/:@]/.test(value) || /^\d+$/.test(value)) return null;
  const name = value.toLowerCase();
  if (earlier(stage, name)) return null;
  const later = defined.get(name);
  if (later) {
    return later === stage ? t('ownCopy', { name: value }) : t('belowCopy', { name: value, line: later.fromInst.range.start.line + 1 });
  }
  if (!STAGE_WORDS.has(name) && !STAGE_LIKE.test(name)) return null;
  const ref = parseImageRef(value, (n) => model.globalArgs.get(n) ?? undefined);
  if (ref && lookupImage(ref)) return null;
  return t('noStage', { name: value });
}
