import { defineRule } from '../defineRule.js';
import { shippedScripts } from '../model/chain.js';
import { packageCall, packageOperands, type PackageCall } from '../model/packages.js';
import { commandQuery, commandsWhere } from '../model/runs.js';

/** Actions that upgrade every installed package when no package is named. */
const WHOLE_UPGRADE = new Set(['upgrade', 'dist-upgrade', 'full-upgrade', 'distro-sync']);

export default defineRule('distro-upgrade-in-image', {
  check({ model, report, t }) {
    for (const { inst, script } of shippedScripts(model)) {
      for (const k of commandsWhere(inst.run, UPGRADES)) {
        const call = packageCall(script.commands[k]!)!;
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

/** The package-manager calls that upgrade everything (read per RUN: their words only). */
const UPGRADES = commandQuery((cmd) => {
  const call = packageCall(cmd);
  return call !== null && upgradesEverything(call);
});

function upgradesEverything(call: PackageCall): boolean {
  if (!WHOLE_UPGRADE.has(call.action)) return false;
  return packageOperands(call).length === 0;
}
