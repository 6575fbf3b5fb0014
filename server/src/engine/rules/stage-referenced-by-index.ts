import { defineRule } from '../defineRule.js';
import { insertAt, replaceSpan } from '../edits.js';
import { copyInfo, mountFromWords, type Word } from '../model/copies.js';
import type { DockerfileModel, Stage } from '../model/model.js';
import { fromImage, stageImageFacts } from '../model/stageFacts.js';
import type { Fix, TextEdit } from '../types.js';

export default defineRule('stage-referenced-by-index', {
  check({ model, report, t }) {
    const refs = new Map<number, { word: Word; what: string }[]>();
    for (const stage of model.stages) {
      for (const inst of stage.instructions) {
        // ONBUILD triggers run in another Dockerfile, where the numbers mean other stages.
        if (inst.onbuild) continue;
        const words: { word: Word; what: string }[] = [];
        const copy = copyInfo(model, inst);
        if (copy?.from) words.push({ word: copy.from, what: '--from' });
        for (const w of mountFromWords(model, inst)) words.push({ word: w, what: '--mount=…,from' });
        for (const { word, what } of words) {
          if (word.value === null || !/^\d+$/.test(word.value) || word.text !== word.value) continue;
          const n = Number(word.value);
          if (n >= stage.index) continue;
          const list = refs.get(n) ?? [];
          list.push({ word, what });
          refs.set(n, list);
        }
      }
    }
    if (refs.size === 0) return;
    const used = takenNames(model);
    for (const [n, list] of [...refs].sort((a, b) => a[0] - b[0])) {
      const target = model.stages[n]!;
      const edits: TextEdit[] = [];
      let name = target.name;
      if (name === null) {
        const image = fromImage(model, target);
        if (!image) continue;
        name = chooseName(target, used);
        used.add(name);
        const keyword = model.text.slice(target.fromInst.start, target.fromInst.start + 4);
        const as = keyword === 'from' ? 'as' : 'AS';
        edits.push(insertAt(model, image.end, ` ${as} ${name}`));
      }
      for (const { word } of list) edits.push(replaceSpan(model, word.start, word.end, name));
      const fix: Fix = { title: t(target.name === null ? 'nameIt' : 'byName', { name }), safety: 'safe', edits };
      const image = target.imageText || t('itsImage');
      for (const { word, what } of list) {
        report({
          range: model.lines.range(word.start, word.end),
          message: t('byIndex', { ref: `${what}=${word.value}`, index: n, image }),
          fixes: [fix],
        });
      }
    }
  },
});

/** Names a new stage name must not take: stage names, image names used by FROM and `--from`, reserved words. */
function takenNames(model: DockerfileModel): Set<string> {
  const used = new Set<string>(['scratch', 'context']);
  for (const s of model.stages) {
    if (s.name) used.add(s.name);
    used.add(s.imageText.toLowerCase());
    if (s.image) used.add(s.image.toLowerCase());
    for (const i of s.instructions) {
      const c = copyInfo(model, i);
      if (c?.from?.value) used.add(c.from.value.toLowerCase());
      for (const w of mountFromWords(model, i)) if (w.value) used.add(w.value.toLowerCase());
    }
  }
  return used;
}

/** `build` for toolchain images, else the catalog family (`alpine`, `node`…), else `stage-N`; made unique. */
function chooseName(stage: Stage, used: ReadonlySet<string>): string {
  const facts = stageImageFacts(stage);
  const base = facts?.isToolchain ? 'build' : facts && facts.family !== 'scratch' ? facts.family : `stage-${stage.index}`;
  if (!used.has(base)) return base;
  for (let k = 2; ; k++) if (!used.has(`${base}-${k}`)) return `${base}-${k}`;
}
