/**
 * The Go version of an official `golang` image, read from its tag, and what it means for cgo: before Go 1.20
 * the toolchain ships the standard library precompiled with cgo and `CGO_ENABLED` defaults to 1 even where no
 * C compiler is installed, so on `golang:<1.20>-alpine` a program that imports `net` or `os/user` is linked
 * dynamically against musl. Go 1.20 dropped the precompiled archives and turns cgo off when no C compiler is
 * found (Go 1.20 release notes, "Cgo").
 */
import type { Stage } from './model.js';
import { stageImageFacts, stageImageRef } from './stageFacts.js';

/** `{ major, minor }` of the Go in a `golang` image, from its tag (`1.19-alpine3.16` → 1.19); null when the tag names none. */
export function goImageVersion(stage: Stage): { major: number; minor: number } | null {
  const ref = stageImageRef(stage);
  if (!ref || ref.name !== 'golang') return null;
  const m = /^(\d+)\.(\d+)/.exec(ref.tag ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

/**
 * A `golang:*-alpine` image older than Go 1.20: no C compiler, yet cgo on by default with a precompiled `net`,
 * so programs using `net` or `os/user` link musl dynamically.
 */
export function oldAlpineGoLinksMusl(stage: Stage): boolean {
  const facts = stageImageFacts(stage);
  const v = goImageVersion(stage);
  const alpine = facts?.family === 'golang' ? facts.variant === 'alpine' : /(?:^|-)alpine/.test(stageImageRef(stage)?.tag ?? '');
  return alpine && v !== null && v.major === 1 && v.minor < 20;
}
