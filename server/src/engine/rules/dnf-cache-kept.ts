import { defineRule } from '../defineRule.js';
import { callLabel } from '../model/packages.js';
import { cacheKeptReport, runsLeavingCache } from '../packageCacheKept.js';

export default defineRule('dnf-cache-kept', {
  check({ model, report, t, locale }) {
    for (const { inst, left } of runsLeavingCache(model, ['dnf'], ['yum', 'dnf'])) {
      const tool = left.fill.cmd.name!;
      report(cacheKeptReport(model, inst, left.fill, t('kept', { call: callLabel(left.fill), tool }), t('fix', { tool }), locale));
    }
  },
});
