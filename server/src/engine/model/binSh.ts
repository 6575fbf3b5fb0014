/**
 * Which shell `/bin/sh` is in a stage's image. It matters for shell-form CMD and ENTRYPOINT: bash runs
 * `bash -c 'prog args'` by exec'ing the one simple command, so the program is PID 1; dash (Debian, Ubuntu)
 * forks it and stays PID 1 itself (checked on this machine: `sh -c 'node …'` in node:18-slim runs node as
 * PID 6). BusyBox ash is not claimed either way.
 */
import { parseImageRef } from '../catalog/imageRef.js';
import { chainOf } from './chain.js';
import { modelOfStage, type Inst, type Stage } from './model.js';
import { rootStage, stageImageFacts } from './stageFacts.js';

/** Distributions whose `/bin/sh` is a link to bash (the Red Hat family and its derivatives). */
const BASH_SH_DISTROS = new Set(['oraclelinux', 'ubi', 'azurelinux', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'rhel']);

/** Image repositories outside the catalog whose `/bin/sh` is bash. */
const BASH_SH_REPOSITORIES = /(?:^|\/)(?:centos|fedora|rockylinux|almalinux|amazonlinux|oraclelinux|ubi\d*(?:-minimal|-micro|-init)?|rhel\d*)$/;

/**
 * `/bin/sh` is bash at `inst` (at the end of the stage, where CMD and ENTRYPOINT run, when omitted): the base image's distribution links it
 * so, or an earlier RUN of the stage chain made it a link to bash (`ln -sf /bin/bash /bin/sh`).
 */
export function binShIsBash(stage: Stage, inst?: Inst): boolean {
  for (const s of chainOf(stage)) {
    for (const i of s.instructions) {
      if (inst && s === stage && i.start >= inst.start) break;
      if (i.onbuild || !i.run?.script) continue;
      if (i.run.script.commands.some((c) => !c.nested && linksShToBash(c.name, c.args.map((a) => a.value)))) return true;
    }
  }
  const facts = stageImageFacts(stage);
  if (facts) return BASH_SH_DISTROS.has(facts.distro);
  const image = rootStage(stage).image;
  const ref = image ? parseImageRef(image) : null;
  return ref !== null && !ref.unresolved && BASH_SH_REPOSITORIES.test(ref.repository);
}

/** Distributions whose `/bin/sh` is dash. */
const DASH_SH_DISTROS = new Set(['debian', 'ubuntu']);

/**
 * The script of a RUN runs in dash: its shell is dash (`SHELL ["/bin/dash", "-c"]`), or `/bin/sh` (no SHELL, or
 * `SHELL ["/bin/sh", "-c"]`) and the stage's image is one the catalog knows as Debian or Ubuntu (distroless
 * aside: its `:debug` shell is BusyBox), and no earlier RUN made `/bin/sh` bash. A heredoc RUN may name another
 * interpreter in a shebang, and an image outside the catalog may have any `/bin/sh` (BusyBox ash on Alpine):
 * not claimed. Exec form runs no shell.
 */
export function runsInDash(inst: Inst): boolean {
  const run = inst.run;
  if (!inst.stage || !run || run.form !== 'shell') return false;
  const shell = run.shell[0] ?? '';
  if (/^(?:(?:\/usr)?\/bin\/)?dash$/.test(shell)) return true;
  if (!/^(?:(?:\/usr)?\/bin\/)?sh$/.test(shell)) return false;
  const facts = stageImageFacts(inst.stage);
  // Distroless images are Debian but their `:debug` shell is BusyBox.
  return facts !== null && facts.kind !== 'distroless' && DASH_SH_DISTROS.has(facts.distro) && !binShIsBash(inst.stage, inst);
}

/** The document's text when `inst` runs in dash (`runsInDash`), else null: what `scriptExports` reads prefixes in. */
export function dashText(inst: Inst): string | null {
  return runsInDash(inst) && inst.stage ? (modelOfStage(inst.stage)?.text ?? null) : null;
}

/** `ln -s[f] [/usr]/bin/bash /bin/sh` (or `bash` as a relative target). */
function linksShToBash(name: string | null, args: (string | null)[]): boolean {
  if (name !== 'ln') return false;
  const options = args.filter((a) => a !== null && a.startsWith('-'));
  const operands = args.filter((a) => a === null || !a.startsWith('-'));
  if (!options.some((o) => /^-[a-zA-Z]*s/.test(o!) || o === '--symbolic') || operands.length !== 2) return false;
  const [target, link] = operands;
  return target !== null && link !== null && /^(?:(?:\/usr)?\/bin\/)?bash$/.test(target!) && /^(?:\/usr)?\/bin\/sh$/.test(link!);
}
