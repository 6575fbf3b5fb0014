import { defineRule } from '../defineRule.js';
import { callLabel } from '../model/packages.js';
import { cacheKeptReport, runsLeavingCache } from '../packageCacheKept.js';

export default defineRule('yum-cache-kept', {
  check({ model, report, t, locale }) {
    for (const { inst, left } of runsLeavingCache(model, ['yum'], ['yum', 'dnf'])) {
      report(cacheKeptReport(model, inst, left.fill, t('kept', { call: callLabel(left.fill) }), t('fix'), locale));
    }
  },
});
