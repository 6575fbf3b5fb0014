/**
 * Which RUNs leave apt's package lists (/var/lib/apt/lists) in their layer: the RUN's last `apt-get update`
 * (or `apt update`) is not followed, in the same RUN, by a removal of the lists (`rm`, `find … -delete`,
 * `apt-get dist-clean`), and the lists are not in a cache or tmpfs mount. One answer for the
 * `apt-lists-left` rule and the per-line size estimates.
 */
import type { Basis } from '../catalog/basis.js';
import { isCommand, operands, removesPath } from './commands.js';
import { within } from './languages.js';
import { stageLacksTool } from './stageFacts.js';
import type { DockerfileModel, Inst, RunInfo } from './model.js';
import { PACKAGE_MANAGERS } from './packageManagers.js';
import type { ShellCommand } from './shell.js';

export const APT_LISTS = '/var/lib/apt/lists';

/**
 * What the lists of Debian bookworm (main, amd64, with updates and security) take in a layer. No estimate id:
 * each RUN that leaves them stores its own copy.
 */
export const APT_LISTS_ESTIMATE = {
  bytes: 19_860_000,
  basis: { key: 'aptListsMeasured' },
} as const satisfies { bytes: number; basis: Basis };

const APT = PACKAGE_MANAGERS.apt.commands;
const APT_OPTIONS_WITH_VALUE = PACKAGE_MANAGERS.apt.optionsWithValue;

const memo = new WeakMap<DockerfileModel, Map<Inst, ShellCommand>>();

/** Every RUN (of any stage) that leaves the lists, with the `update` that downloads them. */
export function aptListsLeft(model: DockerfileModel): ReadonlyMap<Inst, ShellCommand> {
  let out = memo.get(model);
  if (out) return out;
  out = new Map();
  for (const stage of model.stages) {
    for (const inst of stage.instructions) {
      if (inst.run) {
        const update = listsLeftBy(inst as Inst & { run: RunInfo });
        if (update) out.set(inst, update);
      }
    }
  }
  memo.set(model, out);
  return out;
}

function listsLeftBy(inst: Inst & { run: RunInfo }): ShellCommand | null {
  const script = inst.run.script;
  if (!script || stageLacksTool(inst.stage!, 'apt')) return null;
  // The last update: only a removal after it helps; one before it leaves the lists the update downloads.
  const update = [...script.commands].reverse().find((c) => isCommand(c, APT, 'update', APT_OPTIONS_WITH_VALUE));
  if (!update) return null;
  // `apt-get update` takes no arguments: with some (a missing `&&`: `apt update apt install …`) it fails with
  // "The update command takes no arguments", the build stops, and no layer keeps lists.
  if (operands(update, APT_OPTIONS_WITH_VALUE).length > 0) return null;
  const after = script.commands.filter((c) => c.start > update.end);
  if (removesPath(after, APT_LISTS) || after.some(findDeletesLists)) return null;
  if (after.some((c) => isCommand(c, APT, 'dist-clean', APT_OPTIONS_WITH_VALUE))) return null;
  if (inst.run.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && within(APT_LISTS, m.target.replace(/\/+$/, '')))) return null;
  return update;
}

/** `find … /var/lib/apt/lists … -delete` (or `-exec rm`): removes the list files. */
function findDeletesLists(c: ShellCommand): boolean {
  if (c.name !== 'find') return false;
  const values = c.args.map((a) => a.value ?? '');
  return values.some((v) => within(v.replace(/\/+$/, '') || '/', APT_LISTS)) && (values.includes('-delete') || (values.includes('-exec') && values.includes('rm')));
}
