import { defineRule } from '../defineRule.js';
import type { RunInst } from '../model/runs.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { appendToRun } from '../edits.js';
import { shippedTip } from '../model/chain.js';
import { stageLayers, type Creation } from '../model/layers.js';
import type { Inst } from '../model/model.js';
import type { Fix } from '../types.js';

/** Paths the fix writes into `rm -f` as they are. */
const SAFE_PATH = /^\/[A-Za-z0-9_./+@%,:=-]+$/;

export default defineRule('downloaded-archive-kept', {
  check({ model, report, t }) {
    // The shipped stage's walk covers every stage it builds FROM: what is still there at its end ships.
    const tip = shippedTip(model);
    if (!tip) return;
    const kept = stageLayers(model, tip).creations.filter(
      (c): c is Creation & { download: NonNullable<Creation['download']>; unpackedBy: NonNullable<Creation['unpackedBy']> } =>
        c.download !== undefined && c.unpackedBy !== undefined && !c.removed && !c.inst.onbuild && c.inst.stage?.ships === true,
    );
    // A file deleted by a later RUN is cleanup-in-later-layer's finding (c.removed is set then).
    const byRun = new Map<Inst, typeof kept>();
    for (const c of kept) byRun.set(c.inst, [...(byRun.get(c.inst) ?? []), c]);
    for (const [inst, list] of byRun) {
      const fix = deleteFix(model, inst as RunInst, list, t);
      for (const c of list) {
        const cmd = c.download;
        const used = c.unpackedBy;
        const verb = t(used.cmd.name === 'dpkg' || used.cmd.name === 'rpm' ? 'installed' : 'unpacked');
        report({
          range: model.lines.range(cmd.nameWord!.start, cmd.end),
          message: used.inst === inst ? t('sameRun', { path: c.path, verb }) : t('laterRun', { path: c.path, verb, line: used.inst.range.start.line + 1 }),
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});

/**
 * `rm -f <archives>` at the end of the RUN that downloaded them, when that RUN also unpacked them and no later
 * instruction names them (a later RUN or the start command could need the file).
 */
function deleteFix(model: Parameters<typeof appendToRun>[0], inst: RunInst, list: Creation[], t: Translate<RuleKey<'downloaded-archive-kept'>>): Fix | null {
  if (list.some((c) => c.unpackedBy!.inst !== inst || !SAFE_PATH.test(c.path))) return null;
  const after = model.text.slice(inst.end);
  if (list.some((c) => after.includes(c.path.slice(c.path.lastIndexOf('/') + 1)))) return null;
  const edits = appendToRun(model, inst, `rm -f ${list.map((c) => c.path).join(' ')}`);
  if (!edits) return null;
  return { title: list.length === 1 ? t('fixOne', { path: list[0]!.path }) : t('fixMany'), safety: 'safe', edits };
}
