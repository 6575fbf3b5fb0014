/**
 * Which images a split builds on and runs on: the builder's image as a catalog family (also when it is a
 * mirror or local copy named like an official image, e.g. `localhost/node:18`), the Debian release it is
 * built on, and the runtime images derived from it.
 */
import { parseImageRef, type ImageRef } from '../catalog/imageRef.js';
import { lookupImage, slimTagFor, type ImageFacts } from '../catalog/images.js';
import type { DockerfileModel, Stage } from '../model/model.js';
import { rootStage } from '../model/stageFacts.js';
import type { RuntimeChoice } from './types.js';

export interface BuilderImage {
  /** The reference as written after FROM, with global ARG defaults substituted. */
  ref: ImageRef;
  /** The same image as an official reference: `ref` itself, or `node:18` for `localhost/node:18`. */
  official: ImageRef;
  /** Catalog facts of `official`, or null when the catalog does not know it. */
  facts: ImageFacts | null;
  /**
   * What goes before an official image name to name the runtime image in the same place: `''` for Docker
   * Hub images, `localhost/` for `localhost/node:18`, `mirror.example.com/library/` for a mirror.
   */
  prefix: string;
}

/**
 * The image the stage starts from (following `FROM <alias>`). An image outside the catalog whose last path
 * component is an official image's name (`localhost/golang:1.19`, `mirror.example.com/library/node:18`) is
 * read as that official image, and runtime images are named under the same prefix. Docker Hub images of
 * other publishers (`bitnami/node`) are not: they are different images.
 */
export function builderImage(model: DockerfileModel, stage: Stage): BuilderImage | null {
  const root = rootStage(stage);
  const vars = (name: string): string | undefined => model.globalArgs.get(name) ?? undefined;
  const ref = parseImageRef(root.imageText, vars);
  if (!ref || ref.unresolved || ref.isScratch) return null;
  const facts = lookupImage(ref);
  if (facts || ref.isOfficial || !looksLikeMirror(ref)) return { ref, official: ref, facts, prefix: '' };
  const official = parseImageRef(`${ref.name}${ref.tagText !== null ? `:${ref.tagText}` : ''}${ref.digest !== null ? `@${ref.digest}` : ''}`, vars);
  if (!official || official.unresolved) return { ref, official: ref, facts: null, prefix: '' };
  const prefix = ref.familiarName.slice(0, ref.familiarName.length - ref.name.length);
  return { ref, official, facts: lookupImage(official), prefix };
}

/** Registries of vendors whose images are their own, not copies of Docker Hub's. */
const VENDOR_REGISTRIES = /^(?:mcr\.microsoft\.com|(?:[a-z0-9-]+\.)?gcr\.io|[a-z0-9-]+\.pkg\.dev|ghcr\.io|quay\.io|cgr\.dev|registry\.access\.redhat\.com|registry\.redhat\.io|registry\.k8s\.io|docker\.io)$/;

/**
 * A local copy or a registry mirror of an official image: `localhost/node:18`, `mirror.example.com/node:18`,
 * `registry.example.com/library/node:18`, `harbor.example.com/dockerhub/library/node:18`. Not an image of the
 * same name by another publisher (`mcr.microsoft.com/devcontainers/python`, `bitnami/node`).
 */
function looksLikeMirror(ref: ImageRef): boolean {
  if (VENDOR_REGISTRIES.test(ref.registry)) return false;
  const path = ref.repository.slice(0, Math.max(0, ref.repository.length - ref.name.length - 1));
  return path === '' || /(?:^|\/)(?:library|docker\.io|dockerhub|docker-hub|hub|mirror|proxy|docker-proxy)$/.test(path);
}

/** The official image's name (`node`, `golang`, `maven`), also for tags the catalog does not describe. */
export function officialName(b: BuilderImage): string | null {
  return b.official.isOfficial ? b.official.name : null;
}

/** `node:18` → `node:18-slim` (`node:18-bookworm` → `node:18-bookworm-slim`), under the builder's prefix. */
export function slimImage(b: BuilderImage): string | null {
  if (b.ref.digest !== null) return null;
  // No tag is `latest`, whose slim variant is `slim` for node and python (`node:slim`, `python:slim`).
  if ((b.official.tag === null || b.official.tag === 'latest') && (b.official.name === 'node' || b.official.name === 'python')) return `${b.prefix}${b.official.name}:slim`;
  const tag = slimTagFor(b.official);
  if (tag === null) return null;
  return `${b.prefix}${b.official.name}:${tag}`;
}

/** The builder image itself, written as it was (for runtimes that are the same image, e.g. `node:18-alpine`). */
export function sameImage(b: BuilderImage): string {
  return b.ref.text;
}

export type DebianRelease = 'bullseye' | 'bookworm' | 'trixie';

/**
 * The runtime of an interpreted program (Node.js, Python): `image`, a variant of the builder's official image
 * `b` (whose catalog facts are `facts`), with its shell, package manager and Debian release; not a static program.
 */
export function interpreterRuntime(b: BuilderImage, facts: ImageFacts, image: string): RuntimeChoice {
  return {
    image,
    hasShell: facts.hasShell,
    packageManager: facts.distro === 'alpine' ? 'apk' : 'apt',
    release: debianRelease(b),
    staticProgram: false,
  };
}
const RELEASES: readonly DebianRelease[] = ['bullseye', 'bookworm', 'trixie'];
const DEBIAN_VERSIONS: Record<string, DebianRelease> = { '11': 'bullseye', '12': 'bookworm', '13': 'trixie' };

/** Leading `major.minor` of a tag (`1.19` of `1.19.3-bookworm`), as numbers; null when the tag starts otherwise. */
function versionOf(tag: string): { major: number; minor: number | null } | null {
  const m = /^(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return null;
  return { major: Number(m[1]), minor: m[2] === undefined ? null : Number(m[2]) };
}

/**
 * The Debian release a Debian-based build image is built on, from its tag: a release named in the tag
 * (`rust:1.63-bookworm`) wins. Otherwise a table of what the official tags without a release pointed to
 * (erring toward the newer release, whose glibc also runs programs built on the older one):
 * gcc ≤ 12 bookworm, later trixie; golang < 1.25 bookworm, later trixie; rust < 1.89 bookworm, later trixie;
 * `debian:11/12/13`; `latest` and bare majors (`rust:1`) trixie. Null when it cannot be told.
 */
export function debianRelease(b: BuilderImage): DebianRelease | null {
  const tag = b.official.tag ?? 'latest';
  for (const r of RELEASES) if (new RegExp(`(?:^|-)${r}(?:-|$)`).test(tag)) return r;
  if (/(?:^|-)(?:alpine|windowsservercore|nanoserver|ubi|jammy|noble|focal)/.test(tag)) return null;
  const family = b.facts?.family ?? officialName(b);
  const v = versionOf(tag);
  const latest = tag === 'latest' || tag === 'slim';
  switch (family) {
    case 'debian':
      if (latest || tag === 'stable' || tag === 'stable-slim') return 'trixie';
      return v ? (DEBIAN_VERSIONS[String(v.major)] ?? null) : null;
    case 'buildpack-deps':
      return latest ? 'trixie' : null;
    case 'gcc':
      if (latest) return 'trixie';
      return v ? (v.major <= 12 ? 'bookworm' : 'trixie') : null;
    case 'golang':
      if (latest || (v && v.minor === null)) return 'trixie';
      return v && v.minor !== null ? (v.major === 1 && v.minor < 25 ? 'bookworm' : 'trixie') : null;
    case 'rust':
      if (latest || (v && v.minor === null)) return 'trixie';
      return v && v.minor !== null ? (v.major === 1 && v.minor < 89 ? 'bookworm' : 'trixie') : null;
    default:
      return null;
  }
}

/**
 * A small runtime image of the same distribution as the builder, for programs linked against the builder's
 * C library: `debian:<release>-slim` for Debian-based builders, the same Alpine version for Alpine-based
 * ones (`golang:1.22-alpine3.19` → `alpine:3.19`). Null when neither can be told.
 */
export function distroRuntime(b: BuilderImage): { image: string; packageManager: 'apt' | 'apk'; release: DebianRelease | null } | null {
  const distro = b.facts?.distro;
  const tag = b.official.tag ?? 'latest';
  if (distro === 'alpine' || /(?:^|-)alpine/.test(tag)) {
    const family = b.facts?.family ?? officialName(b);
    const version = family === 'alpine' ? (versionOf(tag) ? tag.split('-')[0]! : tag === 'latest' ? 'latest' : null) : (/alpine(\d+\.\d+)/.exec(tag)?.[1] ?? null);
    if (version === null) return null;
    return { image: `${b.prefix}alpine:${version}`, packageManager: 'apk', release: null };
  }
  if (distro !== undefined && distro !== 'debian') return null;
  const release = debianRelease(b);
  if (release === null) return null;
  return { image: `${b.prefix}debian:${release}-slim`, packageManager: 'apt', release };
}

/** The Java major version of a JDK build image, from its tag (`maven:3.8-openjdk-17`, `gradle:8-jdk21`, `eclipse-temurin:17-jdk`). */
export function javaMajor(b: BuilderImage): string | null {
  const name = officialName(b);
  const tag = b.official.tag ?? '';
  if (name === 'eclipse-temurin' || name === 'openjdk' || name === 'amazoncorretto' || name === 'sapmachine') {
    const v = versionOf(tag);
    return v ? String(v.major) : null;
  }
  if (name === 'maven' || name === 'gradle') {
    return /(?:openjdk|temurin|jdk|corretto|sapmachine|java)-?(\d+)/.exec(tag)?.[1] ?? null;
  }
  return null;
}

/** Java versions with maintained `eclipse-temurin:<major>-jre` images. */
export const TEMURIN_JRE_MAJORS = new Set(['8', '11', '17', '21', '25']);

/** Families all of whose images are build images (a compiler, or a JDK with a build tool). */
const TOOLCHAIN_FAMILIES = new Set(['golang', 'rust', 'gcc', 'maven', 'gradle']);

/**
 * Whether the builder image is a build image: per the catalog, or, for images the catalog does not describe
 * (`maven:3.8-openjdk-17`, a mirror's `localhost/golang:1.19`), by the official name when every image of
 * that family is one.
 */
export function isBuildImage(b: BuilderImage | null): boolean {
  if (!b) return false;
  if (b.facts) return b.facts.isToolchain;
  const name = officialName(b);
  return name !== null && TOOLCHAIN_FAMILIES.has(name);
}
