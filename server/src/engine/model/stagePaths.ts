/**
 * Whether a stage names an absolute path as somewhere it writes: a RUN word that is the path or under it
 * (also as the value of an option, `-o /publish`, `--output=/publish`), a COPY/ADD destination or a WORKDIR
 * there. Evidence that a later `COPY --from=<stage> publish` means the root-relative `/publish`.
 */
import { chainOf } from './chain.js';
import { copyInfo } from './copies.js';
import type { DockerfileModel, Stage } from './model.js';
import { joinPath, workdirAt } from './timeline.js';

/** `path` is absolute and normalised (`/publish`). */
export function stageNamesPath(model: DockerfileModel, stage: Stage, path: string): boolean {
  const hits = (value: string | null): boolean => {
    if (value === null || !value.startsWith('/')) return false;
    const p = joinPath('/', value);
    return p === path || p.startsWith(`${path}/`);
  };
  for (const s of chainOf(stage)) {
    for (const inst of s.instructions) {
      if (inst.onbuild) continue;
      if (inst.keyword === 'RUN') {
        for (const cmd of inst.run?.script?.commands ?? []) {
          for (const a of cmd.args) {
            const v = a.value;
            if (v !== null && (hits(v) || hits(v.replace(/^--?[\w-]+=/, '')))) return true;
          }
        }
      } else if (inst.keyword === 'WORKDIR') {
        if (hits(workdirAfter(s, inst))) return true;
      } else if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
        const dest = copyInfo(model, inst)?.dest?.value ?? null;
        if (dest === null) continue;
        const dir = dest.startsWith('/') ? '/' : workdirAt(s, inst).dir;
        if (dir !== null && hits(joinPath(dir, dest))) return true;
      }
    }
  }
  return false;
}

/** The working directory just after a WORKDIR instruction. */
function workdirAfter(stage: Stage, inst: { start: number }): string | null {
  const next = stage.instructions.find((i) => i.start > inst.start);
  return next ? workdirAt(stage, next).dir : workdirAt(stage).dir;
}
