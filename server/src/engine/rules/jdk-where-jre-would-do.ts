import { jreFor } from '../catalog/jre.js';
import { defineRule } from '../defineRule.js';
import { replaceSpan } from '../edits.js';
import { shippedTip } from '../model/chain.js';
import { jdkToolUsed } from '../model/javaTools.js';
import { isBaseImageDefinition } from '../model/startCommand.js';
import { fromImage, rootStage } from '../model/stageFacts.js';
import type { Fix } from '../types.js';

export default defineRule('jdk-where-jre-would-do', {
  check({ model, report, t }) {
    const tip = shippedTip(model);
    if (!tip) return;
    const at = fromImage(model, rootStage(tip));
    const ref = at?.ref;
    if (!at || !ref || ref.unresolved) return;
    const advice = jreFor(ref);
    if (!advice) return;
    if (jdkToolUsed(model, tip) !== null) return;
    // Without a program of its own (no start, or a shell or jshell) the image is a base for others.
    if (isBaseImageDefinition(model, tip)) return;
    const fixes: Fix[] = [];
    let message: string;
    if (advice.jreTag !== null) {
      message = t('jre', { image: advice.image, tag: advice.jreTag });
      if (ref.digest === null && ref.tagStart !== null && ref.tagEnd !== null && !(ref.tagText ?? '').includes('$')) {
        fixes.push({ title: t('fix', { tag: advice.jreTag }), safety: 'unsafe', edits: [replaceSpan(model, at.start + ref.tagStart, at.start + ref.tagEnd, advice.jreTag)] });
      }
    } else {
      // The catalog's note (catalog/jre.ts) is English data.
      message = t('note', { image: advice.image, note: advice.note });
    }
    report({ range: model.lines.range(at.start, at.end), message, fixes });
  },
});
