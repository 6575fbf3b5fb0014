import { defineRule } from '../defineRule.js';
import { shippedRuns } from '../model/chain.js';
import { appendToRun } from '../edits.js';
import { cacheLeftBehind, callLabel, cleanCommandFor } from '../model/packages.js';
import type { Fix } from '../types.js';
import { packageCacheMountFix } from '../cacheMount.js';

export default defineRule('yum-cache-kept', {
  check({ model, report, t, locale }) {
    for (const inst of shippedRuns(model)) {
      const left = cacheLeftBehind(inst.run, ['yum'], ['yum', 'dnf']);
      if (!left) continue;
      const { fill } = left;
      const clean = cleanCommandFor(model, fill);
      const fixes: Fix[] = [];
      const edits = clean ? appendToRun(model, inst, clean) : null;
      if (clean && edits) fixes.push({ title: t('fix'), safety: 'safe', edits });
      const mount = packageCacheMountFix(model, inst, fill.manager, fill.cmd, locale);
      if (mount) fixes.push(mount);
      report({
        range: model.lines.range(fill.cmd.nameWord!.start, fill.verb.end),
        message: t('kept', { call: callLabel(fill) }),
        fixes,
      });
    }
  },
});
