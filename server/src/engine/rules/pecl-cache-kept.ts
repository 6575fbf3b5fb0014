import { defineRule } from '../defineRule.js';
import { appendToRun } from '../edits.js';
import { firstBeforeInChain, type InstTest, shippedScripts } from '../model/chain.js';
import { homeFor, mountHolds, removesDir } from '../model/languages.js';
import { type Inst } from '../model/model.js';
import { commandQuery, commandsWhere, runTextMatches, textQuery, type RunInst } from '../model/runs.js';
import { peclCall, PEAR_TEMP_DIR } from '../model/pecl.js';
import type { Fix } from '../types.js';

export default defineRule('pecl-cache-kept', {
  check({ model, report, t }) {
    for (const { inst, script } of shippedScripts(model)) {
      const installs = commandsWhere(inst.run, PECL_INSTALLS);
      if (installs.length === 0) continue;
      // A configuration that moves pecl's directories (`pecl config-set temp_dir …`) is out of sight.
      if (firstBeforeInChain(model, inst, MOVES_PEAR_DIRS) !== null || runTextMatches(model, inst, MOVES_PEAR)) continue;
      for (const k of installs) {
        const cmd = script.commands[k]!;
        const call = peclCall(cmd)!;
        const home = homeFor(inst, cmd);
        if (mountHolds(inst.run, PEAR_TEMP_DIR, home)) continue;
        if (removesDir(script.commands, PEAR_TEMP_DIR, cmd.end, home)) continue;
        // Only the first install of a RUN is reported: one removal at the end covers them all.
        // ~/.pearrc holds what `pecl config-set` wrote: kept when the stage configures pecl on purpose.
        const keepRc = firstBeforeInChain(model, inst, CONFIGURES_PEAR) !== null || runTextMatches(model, inst, CONFIG_SET);
        const removal = keepRc ? 'rm -rf /tmp/pear' : 'rm -rf /tmp/pear ~/.pearrc';
        const fixes: Fix[] = [];
        const edits = appendToRun(model, inst, removal);
        if (edits) fixes.push({ title: t(keepRc ? 'fix' : 'fixRc'), safety: 'safe', edits });
        report({
          range: model.lines.range(cmd.nameWord!.start, call.sub.end),
          message: t('kept', { call: `${cmd.name} ${call.sub.text}` }),
          fixes,
        });
        break;
      }
    }
  },
});

/** `pecl install`/`pear install` (or upgrade). */
const PECL_INSTALLS = commandQuery((cmd) => peclCall(cmd)?.action === 'install');
const MOVES_PEAR = textQuery(/\b(pecl|pear)\s+(-\S+\s+)*config-set\s+(temp_dir|download_dir|cache_dir)\b/);
const CONFIG_SET = textQuery(/\b(pecl|pear)\s+(-\S+\s+)*config-set\b/);

const CONFIGURES_PEAR: InstTest = (i: Inst, model) => i.run !== undefined && i.keyword === 'RUN' && !i.onbuild && runTextMatches(model, i as RunInst, CONFIG_SET);
const MOVES_PEAR_DIRS: InstTest = (i: Inst, model) => i.run !== undefined && i.keyword === 'RUN' && !i.onbuild && runTextMatches(model, i as RunInst, MOVES_PEAR);
