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
import type { ShellCommand, ShellScript } from './shell.js';
import { perRun, runFactKey } from './runs.js';
import { KeyedCache } from '../memo.js';

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

const memo = new KeyedCache<DockerfileModel, Map<Inst, ShellCommand>>();

/** Every RUN (of any stage) that leaves the lists, with the `update` that downloads them. */
export function aptListsLeft(model: DockerfileModel): ReadonlyMap<Inst, ShellCommand> {
  let out = memo.get(model);
  if (out) return out;
  out = new Map();
  for (const stage of model.stages) {
    // A RUN of apt on an image without it fails the build: no layer keeps lists.
    if (stageLacksTool(stage, 'apt')) continue;
    for (const inst of stage.instructions) {
      const script = inst.run?.script;
      if (!script) continue;
      const k = perRun(inst.run!, UPDATE_LEFT, () => listsLeftBy(inst.run!, script));
      if (k >= 0) out.set(inst, script.commands[k]!);
    }
  }
  memo.set(model, out);
  return out;
}

/**
 * Where in a RUN's commands the `update` whose lists the RUN leaves is (-1: none). It reads the script and the
 * mounts, and offsets only against each other: kept per read of the RUN (`perRun`), the same for the RUN moved
 * by an edit before it.
 */
const UPDATE_LEFT = runFactKey();

function listsLeftBy(run: RunInfo, script: ShellScript): number {
  const commands = script.commands;
  // The last update: only a removal after it helps; one before it leaves the lists the update downloads.
  let k = commands.length - 1;
  while (k >= 0 && !isCommand(commands[k]!, APT, 'update', APT_OPTIONS_WITH_VALUE)) k--;
  if (k < 0) return -1;
  const update = commands[k]!;
  // `apt-get update` takes no arguments: with some (a missing `&&`: `apt update apt install …`) it fails with
  // "The update command takes no arguments", the build stops, and no layer keeps lists.
  if (operands(update, APT_OPTIONS_WITH_VALUE).length > 0) return -1;
  const after = commands.filter((c) => c.start > update.end);
  if (removesPath(after, APT_LISTS) || after.some(findDeletesLists)) return -1;
  if (after.some((c) => isCommand(c, APT, 'dist-clean', APT_OPTIONS_WITH_VALUE))) return -1;
  if (run.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && within(APT_LISTS, m.target.replace(/\/+$/, '')))) return -1;
  return k;
}

const NEEDS_LISTS_FIRST = runFactKey();

/** apt subcommands that read the package lists. */
const NEEDS_LISTS = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download'];

/** The command is an apt call that reads the package lists (`install`, `upgrade`, `build-dep`…). */
export function needsAptLists(c: ShellCommand): boolean {
  return isCommand(c, APT, NEEDS_LISTS, APT_OPTIONS_WITH_VALUE);
}

/**
 * The RUN has apt read the lists before any `update` of its own: it installs from lists an earlier layer left.
 * It reads the script only: kept per read of the RUN (`runRead`).
 */
export function needsListsBeforeUpdate(run: RunInfo): boolean {
  return perRun(run, NEEDS_LISTS_FIRST, () => {
    const cmds = run.script?.commands ?? [];
    const firstNeed = cmds.findIndex(needsAptLists);
    return firstNeed >= 0 && !cmds.slice(0, firstNeed).some((c) => isCommand(c, APT, 'update', APT_OPTIONS_WITH_VALUE));
  });
}

/** `find … /var/lib/apt/lists … -delete` (or `-exec rm`): removes the list files. */
function findDeletesLists(c: ShellCommand): boolean {
  if (c.name !== 'find') return false;
  const values = c.args.map((a) => a.value ?? '');
  return values.some((v) => within(v.replace(/\/+$/, '') || '/', APT_LISTS)) && (values.includes('-delete') || (values.includes('-exec') && values.includes('rm')));
}
