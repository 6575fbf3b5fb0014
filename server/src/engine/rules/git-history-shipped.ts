import { defineRule } from '../defineRule.js';
import { shippedScripts } from '../model/chain.js';
import { insertArgAfter } from '../edits.js';
import { gitClone, isGitOtherThanClone } from '../model/git.js';
import { within } from '../model/languages.js';
import type { ShellCommand } from '../model/shell.js';
import type { Fix } from '../types.js';

export default defineRule('git-history-shipped', {
  check({ model, report, t }) {
    for (const { script } of shippedScripts(model)) {
      for (const cmd of script.commands) {
        const clone = gitClone(cmd);
        if (!clone || clone.shallow || !cmd.nameWord) continue;
        if (clone.dir === null) continue;
        const later = script.commands.filter((c) => c.start > cmd.end);
        if (later.some((c) => removesGitDir(c, clone.dir!))) continue;
        const fixes: Fix[] = [];
        // Any later git command (log, describe, checkout of a commit, fetch…) may need the history.
        if (!later.some(isGitOtherThanClone)) {
          fixes.push({ title: t('fix'), safety: 'unsafe', edits: [insertArgAfter(model, cmd, clone.sub, '--depth=1')] });
        }
        report({
          range: model.lines.range(cmd.nameWord.start, clone.sub.end),
          message: t('history'),
          fixes,
        });
      }
    }
  },
});

/** `rm` of the clone, its .git, or any `.git` (after a `cd` into the clone). */
function removesGitDir(cmd: ShellCommand, dir: string): boolean {
  if (cmd.name !== 'rm') return false;
  const d = dir.replace(/^\.\//, '').replace(/\/+$/, '');
  return cmd.args.some((a) => {
    const v = (a.value ?? a.text).replace(/^["']|["']$/g, '').replace(/^\.\//, '').replace(/\/+$/, '');
    if (v.startsWith('-')) return false;
    return v === '.git' || v.endsWith('/.git') || within(d, v) || v === '*';
  });
}
