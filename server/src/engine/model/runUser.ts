import type { Inst } from './model.js';
import { defaultsToNonRoot, isRootUser, rootStage, stageImageFacts, stageImageRef } from './stageFacts.js';
import { userAt } from './timeline.js';

/**
 * Whether `inst` runs as root: the USER in force at it (the timeline: its stage and the stages it builds
 * FROM), else what the base image is known to default to. null when that cannot be told (a USER with a
 * variable, a base image the catalog does not know).
 */
export function runsAsRoot(inst: Inst): boolean | null {
  if (!inst.stage) return null;
  const user = userAt(inst)?.value.trim() ?? null;
  if (user !== null) return user.includes('$') ? null : isRootUser(user);
  const root = rootStage(inst.stage);
  const ref = stageImageRef(root);
  const facts = stageImageFacts(root);
  if (!ref || !facts) return null;
  return !defaultsToNonRoot(ref, facts);
}
