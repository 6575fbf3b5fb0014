import { defineRule } from '../defineRule.js';
import { appendToRun } from '../edits.js';
import { firstBeforeInChain, type InstTest, shippedScripts } from '../model/chain.js';
import { homeFor, mountHolds, removesDir } from '../model/languages.js';
import { type Inst } from '../model/model.js';
import { peclCall, PEAR_TEMP_DIR } from '../model/pecl.js';
import type { Fix } from '../types.js';

export default defineRule('pecl-cache-kept', {
  check({ model, report, t }) {
    for (const { inst, script } of shippedScripts(model)) {
      for (const cmd of script.commands) {
        const call = peclCall(cmd);
        if (!call || call.action !== 'install') continue;
        // A configuration that moves pecl's directories (`pecl config-set temp_dir …`) is out of sight (looked
        // for only in a RUN that installs with pecl: the stages before are not searched for the others).
        if (firstBeforeInChain(model, inst, MOVES_PEAR_DIRS) !== null || movesPearDirs(model.text.slice(inst.start, inst.end))) break;
        const home = homeFor(inst, cmd);
        if (mountHolds(inst.run, PEAR_TEMP_DIR, home)) continue;
        if (removesDir(script.commands, PEAR_TEMP_DIR, cmd.end, home)) continue;
        // Only the first install of a RUN is reported: one removal at the end covers them all.
        // ~/.pearrc holds what `pecl config-set` wrote: kept when the stage configures pecl on purpose.
        const keepRc = firstBeforeInChain(model, inst, CONFIGURES_PEAR) !== null || configuresPear(model.text.slice(inst.start, inst.end));
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

function movesPearDirs(text: string): boolean {
  return /\b(pecl|pear)\s+(-\S+\s+)*config-set\s+(temp_dir|download_dir|cache_dir)\b/.test(text);
}

function configuresPear(text: string): boolean {
  return /\b(pecl|pear)\s+(-\S+\s+)*config-set\b/.test(text);
}

const CONFIGURES_PEAR: InstTest = (i: Inst, model) => i.keyword === 'RUN' && !i.onbuild && configuresPear(model.text.slice(i.start, i.end));
const MOVES_PEAR_DIRS: InstTest = (i: Inst, model) => i.keyword === 'RUN' && !i.onbuild && movesPearDirs(model.text.slice(i.start, i.end));
