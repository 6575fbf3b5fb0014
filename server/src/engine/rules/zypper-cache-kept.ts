import { defineRule } from '../defineRule.js';
import { shippedRuns } from '../model/chain.js';
import { appendToRun, insertArgAfter } from '../edits.js';
import { findOption, operands } from '../model/commands.js';
import { cacheLeftBehind, callLabel, cleanCommandFor } from '../model/packages.js';
import { PACKAGE_MANAGERS } from '../model/packageManagers.js';
import type { Fix } from '../types.js';
import { packageCacheMountFix } from '../cacheMount.js';

export default defineRule('zypper-cache-kept', {
  check({ model, report, t, locale }) {
    for (const inst of shippedRuns(model)) {
      const left = cacheLeftBehind(inst.run, ['zypper'], ['zypper']);
      if (!left) continue;
      const { fill, partialClean } = left;
      if (partialClean) {
        // `zypper clean` without options deletes downloaded packages only; the metadata stays.
        const { cmd, verb } = partialClean;
        const fixes: Fix[] = [];
        // Operands name repositories (`zypper clean all` cleans a repository called "all"): add a full clean instead.
        const restricted = operands(cmd, PACKAGE_MANAGERS.zypper.optionsWithValue).length > 0 || findOption(cmd, ['--repo'], 'r') !== null;
        if (!restricted) fixes.push({ title: t('addAll'), safety: 'safe', edits: [insertArgAfter(model, cmd, verb, '--all')] });
        else {
          const clean = cleanCommandFor(model, fill);
          const edits = clean ? appendToRun(model, inst, clean) : null;
          if (clean && edits) fixes.push({ title: t('fix'), safety: 'safe', edits });
        }
        report({
          range: model.lines.range(cmd.nameWord!.start, verb.end),
          message: t('partial', { call: callLabel(partialClean) }),
          fixes,
        });
        continue;
      }
      const clean = cleanCommandFor(model, fill);
      const fixes: Fix[] = [];
      const edits = clean ? appendToRun(model, inst, clean) : null;
      if (clean && edits) fixes.push({ title: t('fix'), safety: 'safe', edits });
      const mount = packageCacheMountFix(model, inst, 'zypper', fill.cmd, locale);
      if (mount) fixes.push(mount);
      report({
        range: model.lines.range(fill.cmd.nameWord!.start, fill.verb.end),
        message: t('kept', { call: callLabel(fill) }),
        fixes,
      });
    }
  },
});
