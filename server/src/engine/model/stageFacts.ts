import type { Stage } from './model.js';

/** The first stage of the FROM chain: the one whose image is an external image (or scratch). */
export function rootStage(stage: Stage): Stage {
  let s = stage;
  // A parent is always an earlier stage, so this ends, however long the chain.
  while (s.parent && s.parent.index < s.index) s = s.parent;
  return s;
}

/**
 * Whether the stage's image has `/bin/sh`: false for scratch, distroless (but `:debug`), chiseled and the
 * shell-less Chainguard images; true for anything else we know; null when the image is not resolvable.
 */
export function stageHasShell(stage: Stage): boolean | null {
  const root = rootStage(stage);
  const image = root.image?.toLowerCase();
  if (image === undefined) return null;
  if (image === 'scratch') return false;
  if (/(^|\/)distroless\//.test(image)) return /:debug(-|$)/.test(image);
  if (/chiseled|-distroless|(^|-)extra-chiseled/.test(image)) return false;
  if (/^cgr\.dev\/chainguard\/(static|glibc-dynamic)(:|$)/.test(image)) return false;
  return true;
}

/** Words describing the image that lacks a shell, for messages. */
export function noShellReason(stage: Stage): string {
  const image = rootStage(stage).image ?? 'this image';
  return image.toLowerCase() === 'scratch' ? 'FROM scratch has no /bin/sh' : `${image} has no /bin/sh`;
}
