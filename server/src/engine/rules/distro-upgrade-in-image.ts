import { defineRule } from '../defineRule.js';
import { ruleMessages } from '../i18n/ruleMessages.js';
import { shippedRuns } from '../model/chain.js';
import { packageCalls, packageOperands, type PackageCall } from '../model/packages.js';

/** Actions that upgrade every installed package when no package is named. */
const WHOLE_UPGRADE = new Set(['upgrade', 'dist-upgrade', 'full-upgrade', 'distro-sync']);

const messages = ruleMessages('distro-upgrade-in-image');

export default defineRule({
  meta: {
    id: 'distro-upgrade-in-image',
    summary: 'Upgrading every installed package stores a second copy of each upgraded package in a new layer',
    rationale:
      '`apt-get upgrade`, `apk upgrade`, `dnf update` and the like, without package names, replace every outdated file of the base image. The old files stay in the base layers, so each upgraded package is stored twice, and the image no longer matches any published base tag. A newer (or rebuilt) base tag brings the same patches without the second copy.',
    category: 'size',
    defaultSeverity: 'info',
    fix: 'none',
    related: ['hadolint:DL3005'],
  },
  messages,
  check({ model, report, t }) {
    for (const inst of shippedRuns(model)) {
      const script = inst.run.script;
      if (!script) continue;
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
