import type { From } from 'dockerfile-ast';
import { chainOf } from './chain.js';
import { parseImageRef, type ImageRef } from '../catalog/imageRef.js';
import { lookupImage, type ImageFacts, type Libc } from '../catalog/images.js';
import { type DockerfileModel, type Inst, type Stage } from './model.js';
import { envAt } from './envTimeline.js';

/** The first stage of the FROM chain: the one whose image is an external image (or scratch). */
export function rootStage(stage: Stage): Stage {
  return chainOf(stage)[0]!;
}


/**
 * The external image a stage starts from, following `FROM <alias>` to the root stage, with build ARGs
 * substituted from their defaults. Null when an ARG has no default or the text is not an image reference.
 */
export function stageImageRef(stage: Stage): ImageRef | null {
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

/** The C library of the stage's image per the catalog, or null when the image is unknown. */
export function stageLibc(stage: Stage): Libc | null {
  return stageImageFacts(stage)?.libc ?? null;
}

/**
 * Whether the stage's image has `/bin/sh`, per the catalog: false for scratch, distroless (but `:debug`),
 * chiseled and the shell-less Chainguard images. Images outside the catalog are assumed to have one (almost
 * every image does) unless their name follows the distroless or chiseled conventions
 * (`…/distroless/…`, `…-distroless`, `…chiseled`), as Microsoft's Azure Linux and .NET monitor images do;
 * null when the image is not resolvable (an ARG without default).
 */
export function stageHasShell(stage: Stage): boolean | null {
  const image = rootStage(stage).image;
  if (image === null) return null;
  const ref = parseImageRef(image);
  if (!ref || ref.unresolved) return null;
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

const fromImages = new WeakMap<Stage, FromImage | null>();

/**
 * The image word of a stage's FROM instruction with its document offsets; null when there is none. Six rules
 * and the hover ask for it: it is read once per stage (the answer is shared: read it, never change it).
 */
export function fromImage(model: DockerfileModel, stage: Stage): FromImage | null {
  let at = fromImages.get(stage);
  if (at === undefined) {
    at = readFromImage(model, stage);
    fromImages.set(stage, at);
  }
  return at;
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

/**
 * Default working directory of well-known images that set one (a stage without its own WORKDIR starts
 * there). Only images whose Dockerfile we know sets it; null means unknown.
 */
function imageWorkdir(facts: ImageFacts | null): string | null {
  if (!facts || facts.libc === 'windows') return null;
  // The official golang images end with `WORKDIR $GOPATH` (/go), php with `WORKDIR /var/www/html`.
  if (facts.family === 'golang') return '/go';
  if (facts.family === 'php') return '/var/www/html';
  // These set no WORKDIR, so a stage starts in `/`.
  if (IMAGES_WITHOUT_WORKDIR.has(facts.family)) return '/';
  return null;
}

const IMAGES_WITHOUT_WORKDIR = new Set(['scratch', 'debian', 'ubuntu', 'alpine', 'busybox', 'buildpack-deps', 'gcc', 'node', 'python', 'rust', 'distroless']);

/** Joins a WORKDIR argument onto the previous one as Docker does, normalising `.` and `..`. */
export function joinPath(base: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${base}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

/**
 * The working directory in force at an instruction (or at the end of the stage when `inst` is omitted),
 * from the WORKDIR instructions of the stage and the stages it builds FROM. Variables are expanded from
 * ENV values and ARG defaults when they are plain text. `fromInstructions` tells whether a WORKDIR
 * instruction set it (rather than the image's default). `dir` is null when unknown.
 */
export function workdirAt(stage: Stage, inst?: Inst): { dir: string | null; fromInstructions: boolean } {
  let dir: string | null = imageWorkdir(stageImageFacts(stage));
  let fromInstructions = false;
  for (const s of chainOf(stage)) {
    for (const i of s.instructions) {
      if (inst && s === stage && i.start >= inst.start) break;
      if (i.keyword !== 'WORKDIR' || i.onbuild) continue;
      const raw = i.node.getArguments().map((a) => a.getValue()).join(' ');
      const value = expandPlain(raw, i);
      fromInstructions = true;
      if (value === null || value === '') {
        dir = null;
        continue;
      }
      if (value.startsWith('/')) dir = joinPath('/', value);
      else dir = dir === null ? null : joinPath(dir, value);
    }
  }
  return { dir, fromInstructions };
}

/** Expands `$X`/`${X}` from ENV values and stage ARG defaults in force at `inst`; null if any is unknown. */
function expandPlain(text: string, inst: Inst): string | null {
  if (!text.includes('$')) return text;
  const env = envAt(inst);
  const args = stageArgDefaults(inst);
  let unknown = false;
  const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const v = env.get(name) ?? args.get(name);
    if (v === undefined || v.includes('$')) {
      unknown = true;
      return '';
    }
    return v;
  });
  if (unknown || out.includes('$')) return null;
  return out;
}

/** ARG defaults declared in the stage chain before `inst` (they are environment variables for RUN). */
export function stageArgDefaults(inst: Inst): Map<string, string> {
  const out = new Map<string, string>();
  if (!inst.stage) return out;
  for (const s of chainOf(inst.stage)) {
    for (const i of s.instructions) {
      if (s === inst.stage && i.start >= inst.start) break;
      if (i.keyword !== 'ARG' || i.onbuild) continue;
      for (const p of (i.node as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
        const v = p.getValue();
        if (v !== null) out.set(p.getName(), v);
      }
    }
  }
  return out;
}

/** The last USER instruction of the stage chain (ONBUILD triggers excluded), or null. */
export function lastUser(stage: Stage): { inst: Inst; value: string } | null {
  let found: { inst: Inst; value: string } | null = null;
  for (const s of chainOf(stage)) {
    for (const i of s.instructions) {
      if (i.keyword !== 'USER' || i.onbuild) continue;
      found = { inst: i, value: i.node.getArguments().map((a) => a.getValue()).join(' ') };
    }
  }
  return found;
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
