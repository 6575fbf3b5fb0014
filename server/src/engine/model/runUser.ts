import { chainOf } from './chain.js';
import type { DockerfileModel, Inst, Stage } from './model.js';
import { defaultsToNonRoot, isRootUser, rootStage, stageImageFacts, stageImageRef } from './stageFacts.js';

/** The USER instructions of a stage (ONBUILD triggers aside), in order: where each starts and the user it names. */
interface StageUsers {
  starts: number[];
  users: string[];
}

const usersByStage = new WeakMap<Stage, StageUsers>();

function stageUsers(model: DockerfileModel, stage: Stage): StageUsers {
  let found = usersByStage.get(stage);
  if (!found) {
    found = { starts: [], users: [] };
    for (const i of stage.instructions) {
      if (i.keyword !== 'USER' || i.onbuild) continue;
      found.starts.push(i.start);
      found.users.push(model.text.slice(i.start, i.end).replace(/^\s*USER\s+/i, '').trim());
    }
    usersByStage.set(stage, found);
  }
  return found;
}

/**
 * The user the last USER before `inst` names (in its stage, else in the stages it builds FROM), or null when
 * there is none. Each stage's USERs are listed once per lint, so that asking for every RUN stays linear.
 */
function lastUserBefore(model: DockerfileModel, inst: Inst & { stage: Stage }): string | null {
  const own = stageUsers(model, inst.stage);
  // The last USER of the stage that starts before the instruction (a stage's instructions are in document order).
  let lo = 0;
  let hi = own.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (own.starts[mid]! < inst.start) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) return own.users[lo - 1]!;
  const chain = chainOf(inst.stage);
  for (let k = chain.length - 1; k >= 0; k--) {
    const s = chain[k]!;
    if (s === inst.stage) continue;
    const users = stageUsers(model, s).users;
    if (users.length > 0) return users[users.length - 1]!;
  }
  return null;
}

/**
 * Whether `inst` runs as root: the last USER before it in its image (its stage and the stages it builds
 * FROM), else what the base image is known to default to. null when that cannot be told (a USER with a
 * variable, a base image the catalog does not know).
 */
export function runsAsRoot(model: DockerfileModel, inst: Inst): boolean | null {
  if (!inst.stage) return null;
  const user = lastUserBefore(model, inst as Inst & { stage: Stage });
  if (user !== null) return user.includes('$') ? null : isRootUser(user);
  const root = rootStage(inst.stage);
  const ref = stageImageRef(root);
  const facts = stageImageFacts(root);
  if (!ref || !facts) return null;
  return !defaultsToNonRoot(ref, facts);
}
