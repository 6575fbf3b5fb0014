import { jreFor } from '../catalog/jre.js';
import { defineRule } from '../defineRule.js';
import { replaceSpan } from '../edits.js';
import { chainOf } from '../model/chain.js';
import { jdkToolUsed } from '../model/javaTools.js';
import { fromImage, rootStage } from '../model/stageFacts.js';
import type { Fix } from '../types.js';

export default defineRule({
  meta: {
    id: 'jdk-where-jre-would-do',
    summary: 'The final stage runs on a JDK image but never compiles: a JRE image runs the same program',
    rationale:
      'A JDK image carries the compiler, jshell, jlink, the debugging and monitoring tools and the JDK\'s own sources and headers; running a jar needs none of them. The JRE tag of the same release and base is about half the size (eclipse-temurin:21: 121 MB instead of 230 MB compressed, per docker-library repo-info).',
    category: 'base-image',
    defaultSeverity: 'warning',
    fix: 'unsafe',
    related: [],
  },
  check({ model, report }) {
    const final = model.stages.find((s) => s.isFinal);
    if (!final) return;
    const root = rootStage(final);
    const at = fromImage(model, root);
    const ref = at?.ref;
    if (!at || !ref || ref.unresolved) return;
    const advice = jreFor(ref);
    if (!advice) return;
    const chain = chainOf(final);
    if (jdkToolUsed(model, chain) !== null) return;
    // Without its own start command the image runs the JDK image's default (jshell) or is a base for others.
    if (!chain.some((s) => s.instructions.some((i) => !i.onbuild && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')))) return;
    const fixes: Fix[] = [];
    let message = `${advice.image} is a JDK, but nothing in the image compiles or uses JDK tools: `;
    if (advice.jreTag !== null) {
      message += `the JRE tag ${advice.jreTag} runs the same Java without the compiler and tools.`;
      if (ref.digest === null && ref.tagStart !== null && ref.tagEnd !== null && !(ref.tagText ?? '').includes('$')) {
        fixes.push({ title: `Use the JRE tag ${advice.jreTag}`, safety: 'unsafe', edits: [replaceSpan(model, at.start + ref.tagStart, at.start + ref.tagEnd, advice.jreTag)] });
      }
    } else {
      message += `${advice.note}.`;
    }
    report({ range: model.lines.range(at.start, at.end), message, fixes });
  },
});
