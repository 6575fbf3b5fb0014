/**
 * What the yum, dnf and zypper cache rules share: the shipped RUNs that leave a package manager's cache
 * (`cacheLeftBehind` in model/packages.ts), and the finding on the call that fills it, with its two fixes: a clean
 * at the end of the RUN, or a BuildKit cache mount. Not a rule: each rule keeps its id, its messages and what only
 * it knows (zypper's partial clean).
 */
import { packageCacheMountFix } from './cacheMount.js';
import { appendToRun } from './edits.js';
import type { Locale } from './i18n/locale.js';
import { shippedRuns } from './model/chain.js';
import type { DockerfileModel } from './model/model.js';
import type { RunInst } from './model/runs.js';
import type { PackageManager } from './model/packageManagers.js';
import { cacheLeftBehind, cleanCommandFor, type CacheLeft, type PackageCall } from './model/packages.js';
import type { Fix, Report } from './types.js';

/** Each shipped RUN that leaves the cache of `managers`, not fully cleaned by `cleaners`, with what it leaves. */
export function runsLeavingCache(
  model: DockerfileModel,
  managers: readonly PackageManager[],
  cleaners: readonly PackageManager[],
): { inst: RunInst; left: CacheLeft }[] {
  // A loop, not `flatMap`: three rules ask of every shipped RUN, and most leave nothing.
  const out: { inst: RunInst; left: CacheLeft }[] = [];
  for (const inst of shippedRuns(model)) {
    const left = cacheLeftBehind(inst.run, managers, cleaners);
    if (left) out.push({ inst, left });
  }
  return out;
}

/** The clean at the end of the RUN that `fill` leaves its cache in, titled `title`, when it can be written. */
export function cleanAtEndFix(model: DockerfileModel, inst: RunInst, fill: PackageCall, title: string): Fix | null {
  const clean = cleanCommandFor(model, fill);
  const edits = clean ? appendToRun(model, inst, clean) : null;
  return clean && edits ? { title, safety: 'safe', edits } : null;
}

/** The finding on the call that fills the cache: `message`, then the clean (titled `cleanTitle`) and the cache mount. */
export function cacheKeptReport(model: DockerfileModel, inst: RunInst, fill: PackageCall, message: string, cleanTitle: string, locale: Locale): Report {
  const fixes = [cleanAtEndFix(model, inst, fill, cleanTitle), packageCacheMountFix(model, inst, fill.manager, fill.cmd, locale)];
  return {
    range: model.lines.range(fill.cmd.nameWord!.start, fill.verb.end),
    message,
    fixes: fixes.filter((f): f is Fix => f !== null),
  };
}
