/**
 * Which shell `/bin/sh` is in a stage's image. It matters for shell-form CMD and ENTRYPOINT: bash runs
 * `bash -c 'prog args'` by exec'ing the one simple command, so the program is PID 1; dash (Debian, Ubuntu)
 * forks it and stays PID 1 itself (checked on this machine: `sh -c 'node …'` in node:18-slim runs node as
 * PID 6). BusyBox ash is not claimed either way.
 */
import { parseImageRef } from '../catalog/imageRef.js';
import { chainOf } from './chain.js';
import type { Inst, Stage } from './model.js';
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

/** `ln -s[f] [/usr]/bin/bash /bin/sh` (or `bash` as a relative target). */
function linksShToBash(name: string | null, args: (string | null)[]): boolean {
  if (name !== 'ln') return false;
  const options = args.filter((a) => a !== null && a.startsWith('-'));
  const operands = args.filter((a) => a === null || !a.startsWith('-'));
  if (!options.some((o) => /^-[a-zA-Z]*s/.test(o!) || o === '--symbolic') || operands.length !== 2) return false;
  const [target, link] = operands;
  return target !== null && link !== null && /^(?:(?:\/usr)?\/bin\/)?bash$/.test(target!) && /^(?:\/usr)?\/bin\/sh$/.test(link!);
}
