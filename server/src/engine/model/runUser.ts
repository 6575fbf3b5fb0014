import { chainOf } from './chain.js';
import type { DockerfileModel, Inst } from './model.js';
import { defaultsToNonRoot, isRootUser, rootStage, stageImageFacts, stageImageRef } from './stageFacts.js';

/**
 * Whether `inst` runs as root: the last USER before it in its image (its stage and the stages it builds
 * FROM), else what the base image is known to default to. null when that cannot be told (a USER with a
 * variable, a base image the catalog does not know).
 */
export function runsAsRoot(model: DockerfileModel, inst: Inst): boolean | null {
  if (!inst.stage) return null;
  let user: string | null = null;
  for (const s of chainOf(inst.stage)) {
    for (const i of s.instructions) {
      if (s === inst.stage && i.start >= inst.start) break;
      if (i.keyword !== 'USER' || i.onbuild) continue;
      user = model.text.slice(i.start, i.end).replace(/^\s*USER\s+/i, '').trim();
    }
  }
  if (user !== null) return user.includes('$') ? null : isRootUser(user);
  const root = rootStage(inst.stage);
  const ref = stageImageRef(root);
  const facts = stageImageFacts(root);
  if (!ref || !facts) return null;
  return !defaultsToNonRoot(ref, facts);
}
