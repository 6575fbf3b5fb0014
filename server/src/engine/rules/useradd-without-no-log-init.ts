import { defineRule } from '../defineRule.js';
import { insertArgAfter } from '../edits.js';
import { FAILLOG_RECORD, LASTLOG_RECORD, lastlogGrowth, useraddArgs } from '../model/accounts.js';
import { pathRelation } from '../model/paths.js';
import { runsOf, type Inst } from '../model/model.js';
import { envAt } from '../model/timeline.js';
import type { ShellCommand } from '../model/shell.js';
import type { ReportEstimate, Severity } from '../types.js';

/** UIDs from here up are outside the 16-bit range most images use; below it, the cost stays under 21 MB. */
const LARGE_UID = 65536;

export default defineRule('useradd-without-no-log-init', {
  check({ model, report, t }) {
    for (const stage of model.stages) {
      if (!stage.ships) continue;
      // Read when the stage's first useradd is met (most stages have none).
      let fixed: boolean | undefined;
      for (const inst of runsOf([stage])) {
        const script = inst.run.script;
        if (!script || !inst.run.posix) continue;
        for (const cmd of script.commands) {
          if (cmd.name !== 'useradd' || cmd.nested || !cmd.nameWord) continue;
          if ((fixed ??= lastlogGrowth(stage) === 'fixed')) break;
          const args = useraddArgs(cmd);
          if (args.noLogInit || args.noUser || args.opaque) continue;
          // Both files removed later in the same RUN: their zeros never reach the layer.
          const later = script.commands.filter((c) => c.start > cmd.end && !c.nested);
          if (removes(later, '/var/log/lastlog') && removes(later, '/var/log/faillog')) continue;

          const uid = uidOf(inst, args.uid);
          let message: string;
          let severity: Severity | undefined;
          let estimate: ReportEstimate | undefined;
          if (uid.kind === 'number') {
            message = t('uid', { uid: uid.value });
            if (uid.value < LARGE_UID) severity = 'info';
            estimate = {
              bytes: (uid.value + 1) * (LASTLOG_RECORD + FAILLOG_RECORD),
              basis: { key: 'lastlogRecords', args: { lastlog: LASTLOG_RECORD, faillog: FAILLOG_RECORD, uid: uid.value } },
            };
          } else if (uid.kind === 'variable') {
            message = t('variable', { uid: uid.text });
          } else {
            message = t('unknown');
            severity = 'info';
          }
          report({
            range: model.lines.range(cmd.nameWord.start, cmd.nameWord.end),
            message,
            ...(severity ? { severity } : {}),
            ...(estimate ? { estimate } : {}),
            fixes: [{ title: t('fix'), safety: 'safe', edits: [insertArgAfter(model, cmd, cmd.nameWord, '-l')] }],
          });
        }
      }
    }
  },
});

type Uid = { kind: 'number'; value: number } | { kind: 'variable'; text: string } | { kind: 'next-free' };

/** The UID `useradd` is given: a number (literal, or from an ENV of the stage), a variable, or none. */
function uidOf(inst: Inst, uid: ReturnType<typeof useraddArgs>['uid']): Uid {
  if (!uid) return { kind: 'next-free' };
  if (uid.value !== null) return /^\d{1,10}$/.test(uid.value) ? { kind: 'number', value: Number(uid.value) } : { kind: 'variable', text: uid.text };
  const ref = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(uid.text);
  const fromEnv = ref ? envAt(inst).get(ref[1]!) : undefined;
  if (fromEnv !== undefined && /^\d{1,10}$/.test(fromEnv)) return { kind: 'number', value: Number(fromEnv) };
  return { kind: 'variable', text: uid.text };
}

/** An `rm` among the commands removes the path (or a directory above it, globs included). */
function removes(commands: readonly ShellCommand[], path: string): boolean {
  return commands.some(
    (c) =>
      c.name === 'rm' &&
      c.args.some((a) => {
        const v = a.value;
        if (v === null || v.startsWith('-')) return false;
        const glob = /[*?[]/.test(a.text.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, ''));
        return pathRelation(v, glob, path) === 'covers';
      }),
  );
}
