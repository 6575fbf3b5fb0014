import { parseImageRef, formatImageRef } from '../catalog/imageRef.js';
import { defineRule } from '../defineRule.js';
import { fromImage } from '../model/stageFacts.js';

export default defineRule('unpinned-base-image', {
  check({ model, report, t }) {
    for (const stage of model.stages) {
      // `FROM <stage>` builds on an earlier stage; an unresolvable ARG tells us nothing.
      if (stage.parent || stage.image === null) continue;
      const ref = parseImageRef(stage.image);
      if (!ref || ref.unresolved || ref.isScratch || ref.digest !== null) continue;
      if (ref.tag !== null && ref.tag !== 'latest') continue;
      const at = fromImage(model, stage);
      if (!at) continue;
      const shown = formatImageRef(ref);
      const via = at.text !== stage.image;
      const message = t(ref.tag === null ? (via ? 'noTagVia' : 'noTag') : via ? 'latestVia' : 'latest', { image: shown, text: at.text });
      report({ range: model.lines.range(at.start, at.end), message });
    }
  },
});
