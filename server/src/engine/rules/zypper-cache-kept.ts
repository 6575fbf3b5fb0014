import { defineRule } from '../defineRule.js';
import { insertArgAfter } from '../edits.js';
import { findOption, operands } from '../model/commands.js';
import { callLabel } from '../model/packages.js';
import { PACKAGE_MANAGERS } from '../model/packageManagers.js';
import type { Fix } from '../types.js';
import { cacheKeptReport, cleanAtEndFix, runsLeavingCache } from '../packageCacheKept.js';

export default defineRule('zypper-cache-kept', {
  check({ model, report, t, locale }) {
    for (const { inst, left } of runsLeavingCache(model, ['zypper'], ['zypper'])) {
      const { fill, partialClean } = left;
      if (partialClean) {
        // `zypper clean` without options deletes downloaded packages only; the metadata stays.
        const { cmd, verb } = partialClean;
        const fixes: Fix[] = [];
        // Operands name repositories (`zypper clean all` cleans a repository called "all"): add a full clean instead.
        const restricted = operands(cmd, PACKAGE_MANAGERS.zypper.optionsWithValue).length > 0 || findOption(cmd, ['--repo'], 'r') !== null;
        if (!restricted) fixes.push({ title: t('addAll'), safety: 'safe', edits: [insertArgAfter(model, cmd, verb, '--all')] });
        else {
          const clean = cleanAtEndFix(model, inst, fill, t('fix'));
          if (clean) fixes.push(clean);
        }
        report({
          range: model.lines.range(cmd.nameWord!.start, verb.end),
          message: t('partial', { call: callLabel(partialClean) }),
          fixes,
        });
        continue;
      }
      report(cacheKeptReport(model, inst, fill, t('kept', { call: callLabel(fill) }), t('fix'), locale));
    }
  },
});
