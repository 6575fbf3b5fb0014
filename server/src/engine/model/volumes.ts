import { chainOf } from './chain.js';
import type { Inst } from './model.js';
import { stageImageRef } from './stageFacts.js';

/**
 * Folders declared as volumes before `inst` in its image: VOLUME instructions of its stage (before it) and of
 * the stages it builds FROM, and the volumes of base images known to declare one. What a RUN writes into a
 * declared volume is discarded ("If any build steps change the data within the volume after it has been
 * declared, those changes will be discarded", Dockerfile reference), so it is never in a layer.
 */
export function volumesBefore(inst: Inst): string[] {
  if (!inst.stage) return [];
  const out: string[] = [];
  const ref = stageImageRef(inst.stage);
  if (ref) for (const [image, dirs] of BASE_IMAGE_VOLUMES) if (image.test(ref.familiarName)) out.push(...dirs);
  for (const s of chainOf(inst.stage)) {
    for (const i of s.instructions) {
      if (s === inst.stage && i.start >= inst.start) break;
      if (i.keyword !== 'VOLUME' || i.onbuild) continue;
      for (const a of i.node.getArguments()) {
        const v = a.getValue().replace(/^\[|\]$/g, '').replace(/^["',\s]+|["',\s]+$/g, '');
        if (v.startsWith('/') && !v.includes('$')) out.push(v.replace(/\/+$/, ''));
      }
    }
  }
  return out;
}

/**
 * Base images that declare a volume over a cache folder. The official gradle images declare
 * `VOLUME /home/gradle/.gradle` and link /root/.gradle to it (docker-library `gradle` Dockerfiles).
 */
const BASE_IMAGE_VOLUMES: readonly (readonly [RegExp, readonly string[]])[] = [[/^gradle$/, ['/home/gradle/.gradle', '/root/.gradle']]];
