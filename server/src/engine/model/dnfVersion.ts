/**
 * Which dnf a `dnf` command runs. Fedora 41 made dnf5 the `dnf` (its cache is /var/cache/libdnf5, not
 * /var/cache/dnf); earlier Fedora releases and the Red Hat family run dnf 4. Read from the image the stage
 * starts from: `fedora:41` and later, `fedora:latest`, `fedora:rawhide` and an untagged `fedora`.
 */
import type { Inst } from './model.js';
import type { ShellCommand } from './shellTypes.js';
import { rootStage } from './stageFacts.js';

/** The command as the package-manager table knows it: `dnf5` for `dnf` on a dnf5 image, else its own name. */
export function effectiveCommand(inst: Inst, cmd: ShellCommand): string | null {
  if (cmd.name !== 'dnf' || !inst.stage) return cmd.name;
  return isDnf5Image(rootStage(inst.stage).image) ? 'dnf5' : 'dnf';
}

export function isDnf5Image(image: string | null): boolean {
  if (!image) return false;
  const m = /^(?:[^/\s]+\/)*fedora(?::([^@\s]+))?(?:@\S+)?$/.exec(image.trim());
  if (!m) return false;
  const tag = m[1] ?? 'latest';
  if (tag === 'latest' || tag === 'rawhide') return true;
  const version = /^(\d+)(?:$|[.-])/.exec(tag);
  return version !== null && Number(version[1]) >= 41;
}
