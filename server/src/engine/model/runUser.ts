import type { Inst } from './model.js';
import { isRootUser } from './stageFacts.js';
import { stateAt } from './timeline.js';

/**
 * Whether `inst` runs as root: the USER in force at it (the timeline: its stage and the stages it builds
 * FROM), else whom the base image is known to run as (the timeline's `imageUser`, from the catalog). null when
 * that cannot be told (a USER with a variable, a base image the catalog does not know).
 */
export function runsAsRoot(inst: Inst): boolean | null {
  if (!inst.stage) return null;
  const state = stateAt(inst);
  const user = state.user?.value.trim() ?? null;
  if (user !== null) return user.includes('$') ? null : isRootUser(user);
  return state.imageUser === null ? null : state.imageUser === 'root';
}
