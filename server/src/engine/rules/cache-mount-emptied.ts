import { defineRule } from '../defineRule.js';
import { removeCommand, replaceSpan } from '../edits.js';
import { cacheCleanOf } from '../model/cacheCleans.js';
import { homeFor, homeRelative, within } from '../model/languages.js';
import { runsOf } from '../model/model.js';
import type { ShellWord } from '../model/shell.js';
import type { TextEdit } from 'vscode-languageserver-types';

export default defineRule('cache-mount-emptied', {
  check({ model, report, t }) {
    for (const inst of runsOf(model.stages)) {
      const { run } = inst;
      const script = run.script;
      const caches = run.mounts.filter((m) => m.type === 'cache' && m.target !== null && m.target.startsWith('/'));
      if (!script || caches.length === 0) continue;
      for (const cmd of script.commands) {
        if (!cmd.nameWord) continue;
        const home = homeFor(inst, cmd);
        const clean = cmd.name === 'rm' ? null : cacheCleanOf(model, inst, cmd);
        if (clean) {
          // A clean that empties only mounted caches (`apt-get clean` under a mount of /var/cache/apt); one that
          // also empties a folder of the layer still does its job.
          const held = (d: string): string | undefined =>
            caches.find((m) => within(homeRelative(d, home), homeRelative(m.target!, home)))?.target?.replace(/\/+$/, '');
          const targets = clean.dirs.map(held);
          if (targets.some((t) => t === undefined)) continue;
          const named = [...new Set(targets as string[])];
          const whole = removeCommand(model, inst, cmd);
          report({
            range: model.lines.range(cmd.nameWord.start, clean.end.end),
            message: t('clean', { command: model.text.slice(cmd.nameWord.start, clean.end.end).replace(/\s+/g, ' '), targets: named.join(t('and')) }),
            fixes: whole ? [{ title: t('fixClean', { targets: named.join(t('and')) }), safety: 'safe', edits: [whole] }] : [],
          });
          continue;
        }
        if (cmd.name !== 'rm') continue;
        const paths = cmd.args.filter((a) => a.value === null || !a.value.startsWith('-'));
        const hits: { word: ShellWord; target: string; exact: boolean }[] = [];
        for (const word of paths) {
          const raw = word.value;
          if (raw === null) continue;
          const p = homeRelative(raw.replace(/\/\.?\*$/, ''), home);
          if (/[*?[]/.test(p)) continue;
          for (const m of caches) {
            const target = homeRelative(m.target!, home);
            // The mounted folder, its contents, a part of it (`/var/lib/apt/lists` under a mount of
            // `/var/lib/apt`), or a folder that holds it.
            if (within(p, target) || within(target, p)) {
              hits.push({ word, target: m.target!.replace(/\/+$/, ''), exact: within(p, target) });
              break;
            }
          }
        }
        if (hits.length === 0) continue;
        const first = hits[0]!.word;
        const last = hits[hits.length - 1]!.word;
        const targets = [...new Set(hits.map((h) => h.target))];
        const fixes = [];
        // Only a removal inside the mount goes; a parent holds files that are in the image too.
        if (hits.every((h) => h.exact)) {
          let edits: TextEdit[] | null;
          if (hits.length === paths.length) {
            const whole = removeCommand(model, inst, cmd);
            edits = whole ? [whole] : null;
          } else {
            edits = hits.map((h) => {
              const before = cmd.args[cmd.args.indexOf(h.word) - 1] ?? cmd.nameWord!;
              return replaceSpan(model, before.end, h.word.end, '');
            });
          }
          if (edits) fixes.push({ title: t('fixRm', { targets: targets.join(t('and')) }), safety: 'safe' as const, edits });
        }
        report({
          range: model.lines.range(first.start, last.end),
          message: t('rm', { targets: targets.join(t('and')) }),
          fixes,
        });
      }
    }
  },
});
