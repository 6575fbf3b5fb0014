import { defineRule } from '../defineRule.js';
import { shippedScripts } from '../model/chain.js';
import { packageCalls, packageOperands, type PackageCall } from '../model/packages.js';

/** Actions that upgrade every installed package when no package is named. */
const WHOLE_UPGRADE = new Set(['upgrade', 'dist-upgrade', 'full-upgrade', 'distro-sync']);

export default defineRule('distro-upgrade-in-image', {
  check({ model, report, t }) {
    for (const { script } of shippedScripts(model)) {
      for (const call of packageCalls(script)) {
        if (!upgradesEverything(call)) continue;
        const cmd = call.cmd;
        report({
          range: model.lines.range(cmd.nameWord!.start, call.verb.end),
          message: t('upgrade', { call: `${cmd.name} ${call.verb.text}` }),
          fixes: [],
        });
      }
    }
  },
});

function upgradesEverything(call: PackageCall): boolean {
  if (!WHOLE_UPGRADE.has(call.action)) return false;
  return packageOperands(call).length === 0;
}
