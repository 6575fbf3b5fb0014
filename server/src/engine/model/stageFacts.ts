import type { From } from 'dockerfile-ast';
import { chainOf, rootOf, shippedTip } from './chain.js';
import { parseImageRef, type ImageRef } from '../catalog/imageRef.js';
import { lookupImage, type ImageFacts, type Libc } from '../catalog/images.js';
import { copiesShell } from './copies.js';
import { cached, KeyedCache } from '../memo.js';
import { modelOfStage, type DockerfileModel, type Stage } from './model.js';

/** The first stage of the FROM chain: the one whose image is an external image (or scratch). */
export function rootStage(stage: Stage): Stage {
  return rootOf(stage);
}


/**
 * The external image a stage starts from, following `FROM <alias>` to the root stage, with build ARGs
 * substituted from their defaults. Null when an ARG has no default or the text is not an image reference.
 */
export function stageImageRef(stage: Stage): ImageRef | null {
  return cached(imageRefs, stage, readImageRef);
}

/** Read once per stage: a lint asks about twenty times per file (the facts, the shipped image, the shell…). */
const imageRefs = new KeyedCache<Stage, ImageRef | null>();

function readImageRef(stage: Stage): ImageRef | null {
  const image = rootStage(stage).image;
  if (image === null || image === '') return null;
  const ref = parseImageRef(image);
  return ref && !ref.unresolved ? ref : null;
}

/** Catalog facts about the image a stage starts from (see `stageImageRef`); null when unknown. */
export function stageImageFacts(stage: Stage): ImageFacts | null {
  const ref = stageImageRef(stage);
  return ref ? lookupImage(ref) : null;
}

/** The image that ships: its stage (`shippedTip`), the external image that stage starts from, and the catalog's facts. */
export interface ShippedImage {
  stage: Stage;
  /** See `stageImageRef`; null when not known. */
  ref: ImageRef | null;
  /** See `stageImageFacts`; null when the catalog does not know the image. */
  facts: ImageFacts | null;
}

/** The image that ships (see `ShippedImage`), or null when no stage ships (a file without FROM). */
export function shippedImage(model: DockerfileModel): ShippedImage | null {
  const stage = shippedTip(model);
  if (!stage) return null;
  const ref = stageImageRef(stage);
  return { stage, ref, facts: ref ? lookupImage(ref) : null };
}

/** The C library of the stage's image per the catalog, or null when the image is unknown. */
export function stageLibc(stage: Stage): Libc | null {
  return stageImageFacts(stage)?.libc ?? null;
}

/**
 * Whether a package tool is missing from the stage's image per the catalog: the image is known and its
 * package manager is another one (`apt-get` on `node:18-alpine`, whose tool is apk) or none (distroless,
 * scratch). A command of a missing tool fails the build, so it installs nothing. False when unknown.
 */
export function stageLacksTool(stage: Stage, tool: 'apt' | 'apk'): boolean {
  const facts = stageImageFacts(stage);
  return facts !== null && facts.packageManager !== tool;
}

/**
 * Whether the stage's image has `/bin/sh`, per the catalog: false for scratch, distroless (but `:debug`),
 * chiseled and the shell-less Chainguard images. Images outside the catalog are assumed to have one (almost
 * every image does) unless their name follows the distroless or chiseled conventions
 * (`…/distroless/…`, `…-distroless`, `…chiseled`), as Microsoft's Azure Linux and .NET monitor images do.
 * A file that a COPY or ADD of the stage or of one it builds FROM puts at /bin/sh is the shell (a busybox, or
 * a program of its own under that name, which shell form then runs): true then. Otherwise null when the image
 * is not resolvable (an ARG without default).
 */
export function stageHasShell(stage: Stage): boolean | null {
  return cached(hasShell, stage, (s) => {
    const known = imageHasShell(s);
    if (known === true) return true;
    const model = modelOfStage(s);
    return model && copiesShell(model, chainOf(s)) ? true : known;
  });
}

const hasShell = new KeyedCache<Stage, boolean | null>();

function imageHasShell(stage: Stage): boolean | null {
  const ref = stageImageRef(stage);
  if (!ref) return null;
  const facts = lookupImage(ref);
  if (facts) return facts.hasShell;
  const tag = ref.tag ?? '';
  if (/(?:^|\/)distroless(?:\/|$)/.test(ref.repository)) return /(?:^|-)debug(?:-|$)/.test(tag);
  return !/(?:^|-)(?:distroless|chiseled|extra-chiseled)(?:-|$)/.test(tag);
}

/** Where the image reference of a FROM is in the document, parsed with the global ARG defaults. */
export interface FromImage {
  /** Parsed from the text as written; tag offsets are relative to `start`. */
  readonly ref: ImageRef | null;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const fromImages = new KeyedCache<Stage, FromImage | null>();

/**
 * The image word of a stage's FROM instruction with its document offsets; null when there is none. Six rules
 * and the hover ask for it: it is read once per stage (the answer is shared: read it, never change it).
 */
export function fromImage(model: DockerfileModel, stage: Stage): FromImage | null {
  return cached(fromImages, stage, (s) => readFromImage(model, s));
}

function readFromImage(model: DockerfileModel, stage: Stage): FromImage | null {
  const arg = (stage.from as From).getArguments()[0];
  if (!arg) return null;
  const start = model.lines.offsetAt(arg.getRange().start);
  const end = model.lines.offsetAt(arg.getRange().end);
  const text = model.text.slice(start, end);
  const ref = parseImageRef(text, (name) => model.globalArgs.get(name) ?? undefined);
  return { ref, start, end, text };
}

/** `root`, `0`, `root:root`, `0:0` and the like: the user is root whatever the group. */
export function isRootUser(value: string): boolean {
  const user = value.split(':')[0]!.trim();
  return user === 'root' || user === '0';
}

/**
 * Images that run as a non-root user by default: distroless `:nonroot` tags, Chainguard images (all but
 * wolfi-base) and the .NET chiseled and Azure Linux distroless images.
 */
export function defaultsToNonRoot(ref: ImageRef, facts: ImageFacts | null): boolean {
  if (!facts) return false;
  if (facts.kind === 'distroless') return /(?:^|-)nonroot(?:-|$)/.test(ref.tag ?? '');
  if (facts.kind === 'chainguard') return facts.variant !== 'wolfi-base';
  if (facts.family === 'dotnet-runtime' || facts.family === 'dotnet-sdk') {
    return facts.variant === 'chiseled' || facts.variant === 'azurelinux-distroless';
  }
  return false;
}

/**
 * Whether the image has the CA bundle at `/etc/ssl/certs/ca-certificates.crt`: images built on
 * buildpack-deps (golang, rust, gcc and the full node/python/ruby variants), the images whose Dockerfiles
 * install `ca-certificates` (rust slim and alpine, golang alpine, python slim, eclipse-temurin and the images
 * built on it, the .NET images on Debian, Ubuntu or Alpine) and distroless. Plain debian, ubuntu and alpine
 * images are not counted: install `ca-certificates` there.
 */
export function imageHasCaBundle(facts: ImageFacts | null): boolean {
  if (!facts || facts.libc === 'windows') return false;
  switch (facts.family) {
    case 'golang':
    case 'rust':
    case 'gcc':
    case 'buildpack-deps':
    case 'eclipse-temurin':
    case 'maven':
    case 'gradle':
    case 'distroless':
      return true;
    case 'python':
      return facts.variant !== 'windows';
    case 'node':
    case 'ruby':
      return facts.variant === 'full';
    case 'dotnet-sdk':
    case 'dotnet-runtime':
      return facts.variant === 'debian' || facts.variant === 'ubuntu' || facts.variant === 'alpine';
    default:
      return false;
  }
}
