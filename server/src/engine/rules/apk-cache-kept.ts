import { defineRule } from '../defineRule.js';
import { shippedScripts } from '../model/chain.js';
import { insertArgAfter } from '../edits.js';
import { findOption } from '../model/commands.js';
import { cacheDirsChosen, cleansCache, hasCacheMount, indexLeftBefore, packageCalls, removesDir, runCalls, type PackageCall } from '../model/packages.js';
import { PACKAGE_MANAGERS } from '../model/packageManagers.js';
import { packageCacheMountFix } from '../cacheMount.js';
import type { Fix } from '../types.js';

export default defineRule('apk-cache-kept', {
  check({ model, report, t, locale }) {
    for (const { inst, script } of shippedScripts(model)) {
      if (!runCalls(inst.run, 'apk')) continue;
      const calls = packageCalls(script).filter((c) => c.manager === 'apk');
      for (const call of calls) {
        if (call.action !== 'add') continue;
        const { cmd } = call;
        if (findOption(cmd, ['--no-cache', '--no-network'])) continue;
        const dirs = [...PACKAGE_MANAGERS.apk.cacheDirs, ...cacheDirsChosen(call)];
        if (hasCacheMount(inst.run, dirs)) continue;
        // The cache is removed later in the same RUN: nothing stays in the layer.
        const later = script.commands.filter((c) => c.start > cmd.end);
        if (later.some((c) => removesDir(c, dirs))) continue;
        if (calls.some((c) => c.cmd.start > cmd.end && cleansCache(c) === 'all')) continue;

        // An earlier `apk add` of this RUN already stored the index in this layer (and is reported), and this
        // one does not refresh it (`-U`/`--update-cache`): it adds nothing of its own.
        const refreshes = findOption(cmd, ['--update-cache', '--update'], 'U') !== null;
        const stored = calls.find((c) => c.cmd.end < cmd.start && c.action === 'add' && !findOption(c.cmd, ['--no-cache', '--no-network']));
        if (stored && !refreshes && !script.commands.some((c) => c.start > stored.cmd.end && c.end < cmd.start && removesDir(c, dirs))) continue;
        // An earlier layer left the index (`apk update`, an `apk add` without --no-cache) and this call does not
        // refresh it: it reads that index and writes none of its own, so --no-cache here saves nothing.
        if (!refreshes && !calls.some((c) => c.cmd.end < cmd.start && storesIndex(c)) && indexLeftBefore(inst, 'apk', dirs, storesIndex)) continue;
        const update = calls.find((c) => c.cmd.end < cmd.start && c.action === 'update');
        const message = update ? t('noCacheUpdate', { line: model.lines.positionAt(update.cmd.start).line + 1 }) : t('noCache');
        report({
          range: model.lines.range(cmd.nameWord!.start, call.sub.end),
          message,
          fixes: [{ title: t('fix'), safety: 'safe', edits: [insertArgAfter(model, cmd, call.sub, '--no-cache')] }, packageCacheMountFix(model, inst, 'apk', cmd, locale)].filter((f): f is Fix => f !== null),
        });
      }
    }
  },
});

/** An apk call that writes the package index to the cache: `apk update`, or `apk add` without --no-cache. */
function storesIndex(call: PackageCall): boolean {
  if (call.action === 'update') return true;
  return call.action === 'add' && !findOption(call.cmd, ['--no-cache', '--no-network']);
}
