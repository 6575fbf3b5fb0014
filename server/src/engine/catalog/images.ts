/**
 * A small catalog of well-known base images, kept as data.
 *
 * Each family lists its variants in match order; the first variant whose `tag` / `name` patterns and version
 * bounds fit the reference wins. Overrides then adjust fields for particular tags (JRE vs JDK, per-release
 * sizes, `:debug`). Every size figure names the exact image it was measured on, the platform, the date and
 * the source; a variant without a figure reports `approxCompressedSize: null` (unknown).
 *
 * Sizes are the compressed transfer size for linux/amd64 as listed by docker-library/repo-info
 * (`repos/<image>/remote/<tag>.md`), read in September 2026 unless noted. They drift with every rebuild.
 *
 * Pure module: no I/O, no editor types.
 */

import type { ImageRef } from './imageRef';
import { cached, KeyedCache } from '../memo.js';
import FAMILY_DATA from './families.json';

export type Libc = 'glibc' | 'musl' | 'uclibc' | 'none' | 'windows';
/**
 * The package tool an image ships, by the command to run (`microdnf` on UBI minimal, `tdnf` on Azure Linux), or
 * `none`. The families these commands belong to, and their options and caches, are `model/packageManagers.ts`.
 */
export type ImagePackageTool = 'apt' | 'apk' | 'dnf' | 'microdnf' | 'yum' | 'tdnf' | 'none';
export type ImageKind = 'official' | 'microsoft' | 'distroless' | 'chainguard' | 'scratch';

export interface SizeFigure {
  /** Compressed size in MB (10^6 bytes), as reported by the source. */
  readonly mb: number;
  /** The exact image the figure belongs to, e.g. `node:22-slim`. */
  readonly measuredImage: string;
  /** Platform of the figure, e.g. `linux/amd64`. */
  readonly platform: string;
  /** When the figure was true (ISO date of the image build, or a year range when only that is known). */
  readonly date: string;
  /** Where the figure comes from. */
  readonly source: string;
  /** Uncompressed size in MB (what `docker images` shows), when known. */
  readonly uncompressedMb?: number;
  /** Where the uncompressed figure comes from, when not from `source`. */
  readonly uncompressedSource?: string;
}

export interface Alternative {
  /** Image reference to use instead, e.g. `node:22-slim`. */
  readonly image: string;
  /** What changes when switching, in a few words. */
  readonly note: string;
}

/** What an image is built from and ships: the same fields in the catalog's rows and in the facts of a lookup. */
export interface ImageTraits {
  /** Base distribution: `debian`, `ubuntu`, `alpine`, `oraclelinux`, `ubi`, `azurelinux`, `wolfi`, `busybox`, `windows`, `none`. */
  readonly distro: string;
  readonly libc: Libc;
  readonly hasShell: boolean;
  /** The shell, when there is one, e.g. `/bin/sh (BusyBox)`. */
  readonly shell: string | null;
  readonly packageManager: ImagePackageTool;
  /** True when the image ships compilers, headers or an SDK (a build image). */
  readonly isToolchain: boolean;
}

export interface ImageFacts extends ImageTraits {
  /** Catalog family id, e.g. `node`, `distroless`, `dotnet-runtime`. */
  readonly family: string;
  readonly familyLabel: string;
  readonly kind: ImageKind;
  /** Variant id within the family, e.g. `full`, `slim`, `alpine`, `windows`, `static`. */
  readonly variant: string;
  readonly variantLabel: string;
  /** What a minimal image contains (distroless, chainguard, scratch); null otherwise. */
  readonly contents: string | null;
  /** Null when no sourced figure is known. */
  readonly approxCompressedSize: SizeFigure | null;
  readonly slimmerAlternatives: readonly Alternative[];
  /** Short variant-specific remarks. */
  readonly notes: readonly string[];
}

/* ------------------------------------------------------------------------------------------------------ */
/* Data                                                                                                   */
/* ------------------------------------------------------------------------------------------------------ */

/** Month the catalog's figures were collected. */
export const CATALOG_DATE = '2026-09';

const REPO_INFO = 'docker-library/repo-info';
const AMD64 = 'linux/amd64';

function repoInfo(image: string, mb: number, date: string): SizeFigure {
  const [name, tag] = image.split(':') as [string, string];
  return { mb, measuredImage: image, platform: AMD64, date, source: `${REPO_INFO} repos/${name}/remote/${tag}.md` };
}

/**
 * The uncompressed figures of debian:bookworm and -slim: the same image made locally with debuerreotype (the
 * tool behind the official images) from Debian 12.15 by bench/image-size/setup.sh, measured with
 * `podman image inspect --format {{.Size}}` on 2026-12-07: 121,428,387 and 77,940,128 bytes; the full image
 * is 43.5 MB bigger (docs, man pages and translations).
 */
const LOCAL_DEBIAN = 'debian:bookworm and -slim made with debuerreotype by bench/image-size/setup.sh, podman image inspect, 2026-12-07';

/**
 * Uncompressed figures (what `docker images` shows) from docker-library/repo-info `repos/<name>/local/<tag>.md`,
 * "Virtual Size: ~ N Mb (total size of all layers on-disk)", linux/amd64. The "Mb" there are MiB (2^20 bytes):
 * the same file gives debian:bookworm-slim 74.83 and debian:bookworm 116.57, and the same images made here with
 * debuerreotype measure 77,940,128 and 121,428,387 bytes (74.33 and 115.80 MiB; within 0.7% as MiB, 4% off as
 * MB). Converted to MB (10^6 bytes) here; read in December 2026.
 */
function repoInfoLocal(file: string, image: string, printed: `${number} ${'Mb' | 'Gb'}`, date: string): Pick<SizeFigure, 'uncompressedMb' | 'uncompressedSource'> {
  const [value, unit] = printed.split(' ') as [string, string];
  const bytes = Number(value) * (unit === 'Gb' ? 2 ** 30 : 2 ** 20);
  return {
    uncompressedMb: Math.round(bytes / 1e5) / 10,
    uncompressedSource: `${REPO_INFO} repos/${file}: ${image}, ${AMD64}, ${date}, "Virtual Size: ~ ${printed}" (${unit === 'Gb' ? 'GiB' : 'MiB'})`,
  };
}

/** Measured figures (compressed, linux/amd64; uncompressed where known). */
const SIZES = {
  node22: { ...repoInfo('node:22', 408.5, '2026-09-19'), ...repoInfoLocal('node/local/22.23.3.md', 'node:22', '1.13 Gb', '2026-09-23') },
  node22Slim: { ...repoInfo('node:22-slim', 79.9, '2026-09-19'), ...repoInfoLocal('node/local/22-slim.md', 'node:22-bookworm-slim', '227.34 Mb', '2026-09-19') },
  node22Alpine: { ...repoInfo('node:22-alpine', 60.7, '2026-09-23'), ...repoInfoLocal('node/local/22-alpine3.24.md', 'node:22-alpine', '167.35 Mb', '2026-09-23') },
  python312: { ...repoInfo('python:3.12', 410.9, '2026-08-13'), ...repoInfoLocal('python/local/3.12.md', 'python:3.12.14-trixie', '1.11 Gb', '2026-08-13') },
  python312Slim: { ...repoInfo('python:3.12-slim', 43.2, '2026-08-05'), ...repoInfoLocal('python/local/3.12-slim.md', 'python:3.12.13-slim-trixie', '119.2 Mb', '2026-07-14') },
  python312Alpine: repoInfo('python:3.12-alpine', 18.0, '2026-09-17'),
  golang125: { ...repoInfo('golang:1.25', 305.3, '2026-07-14'), ...repoInfoLocal('golang/local/1.25.13.md', 'golang:1.25.13-trixie', '847.67 Mb', '2026-08-13') },
  golang125Alpine: { ...repoInfo('golang:1.25-alpine', 64.4, '2026-08-13'), ...repoInfoLocal('golang/local/1.25-alpine.md', 'golang:1.25.13-alpine3.24', '215.26 Mb', '2026-08-13') },
  rust1Slim: repoInfo('rust:1-slim', 319.1, '2026-09-19'),
  temurin21Jdk: { ...repoInfo('eclipse-temurin:21-jdk', 230.1, '2026-09-09'), ...repoInfoLocal('eclipse-temurin/local/21-jdk.md', 'eclipse-temurin:21.0.11_10-jdk-resolute', '474.81 Mb', '2026-07-02') },
  temurin21Jre: { ...repoInfo('eclipse-temurin:21-jre', 121.1, '2026-09-09'), ...repoInfoLocal('eclipse-temurin/local/21-jre.md', 'eclipse-temurin:21.0.11_10-jre-resolute', '318.14 Mb', '2026-07-16') },
  debianBookworm: { ...repoInfo('debian:bookworm', 48.5, '2026-08-04'), uncompressedMb: 121.4, uncompressedSource: LOCAL_DEBIAN },
  debianBookwormSlim: { ...repoInfo('debian:bookworm-slim', 28.2, '2026-08-04'), uncompressedMb: 77.9, uncompressedSource: LOCAL_DEBIAN },
  debianTrixie: { ...repoInfo('debian:trixie', 49.3, '2026-08-04'), ...repoInfoLocal('debian/local/13.md', 'debian:trixie', '119.92 Mb', '2026-08-24') },
  debianTrixieSlim: { ...repoInfo('debian:trixie-slim', 29.8, '2026-08-04'), ...repoInfoLocal('debian/local/13-slim.md', 'debian:trixie-slim', '78.64 Mb', '2026-08-24') },
  ubuntu2404: { ...repoInfo('ubuntu:24.04', 29.8, '2026-09-11'), ...repoInfoLocal('ubuntu/local/24.04.md', 'ubuntu:24.04', '78.16 Mb', '2026-08-17') },
  alpine324: { ...repoInfo('alpine:3.24', 3.8, '2026-09-17'), ...repoInfoLocal('alpine/local/3.24.2.md', 'alpine:3.24.2', '8.42 Mb', '2026-09-17') },
  busyboxGlibc: repoInfo('busybox:1.38-glibc', 2.2, '2026-09-22'),
  busyboxMusl: repoInfo('busybox:musl', 0.886, '2026-07-31'),
  busyboxUclibc: repoInfo('busybox:uclibc', 0.774, '2026-07-31'),
  distrolessStatic: {
    mb: 2,
    measuredImage: 'gcr.io/distroless/static-debian11',
    platform: 'not stated',
    date: '2021–2023',
    source: 'GoogleContainerTools/distroless README ("around 2 MiB")',
  },
  scratch: { mb: 0, measuredImage: 'scratch', platform: 'any', date: 'n/a', source: 'empty by definition', uncompressedMb: 0, uncompressedSource: 'empty by definition' },
} satisfies Record<string, SizeFigure>;

/** An alternative whose image may use placeholders; dropped when a placeholder cannot be filled. */
interface AltTemplate {
  readonly image: string;
  readonly note: string;
  /** Only offer when the placeholder's value is one of these. */
  readonly requires?: { readonly major?: readonly string[]; readonly javaMajor?: readonly string[] };
}

interface Traits extends ImageTraits {
  readonly contents?: string;
  readonly size?: SizeFigure;
  readonly alternatives?: readonly AltTemplate[];
  readonly notes?: readonly string[];
  /** `slimTagFor` may propose the family's slim tag for this variant. */
  readonly slimmable?: boolean;
}

interface VariantDef extends Traits {
  readonly id: string;
  readonly label: string;
  /** Tested against the tag (`latest` when absent). */
  readonly tag?: RegExp;
  /** Tested against the last repository component. */
  readonly name?: RegExp;
  /** Only when the tag's leading version number is at least this. */
  readonly minMajor?: number;
}

interface OverrideDef {
  readonly tag?: RegExp;
  readonly name?: RegExp;
  /** Only for these variant ids. */
  readonly variants?: readonly string[];
  readonly labelSuffix?: string;
  readonly set: Partial<Traits>;
}

interface RepositoryMatch {
  readonly registry: string;
  readonly path: RegExp;
}

interface FamilyDef {
  readonly id: string;
  readonly label: string;
  readonly kind: ImageKind;
  readonly repositories: readonly RepositoryMatch[];
  /** Tags this catalog does not describe (lookups return null). */
  readonly unsupportedTag?: RegExp;
  /** How the slim tag is formed: appended (`22-bookworm-slim`) or before the suite (`3.12-slim-bookworm`). */
  readonly slim?: { readonly style: 'suffix' | 'infix'; readonly latest?: string };
  /** Extracts the Java major version from the tag (capture group 1). */
  readonly javaMajor?: RegExp;
  readonly variants: readonly VariantDef[];
  readonly overrides?: readonly OverrideDef[];
}

const kw = (alternatives: string): RegExp => new RegExp(`(?:^|-)(?:${alternatives})(?:-|$)`);
const WINDOWS = kw('windowsservercore|nanoserver');
const ALPINE = kw('alpine(?:\\d+(?:\\.\\d+)*)?');
const SLIM = kw('slim');
const JRE = kw('jre');
const NOT_JRE = /^(?!.*(?:^|-)jre(?:-|$))/;
const DEBIAN_SUITES = ['buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'duke', 'sid'] as const;
const UBUNTU_SUITES = kw('focal|jammy|noble|resolute|oracular|plucky|questing');
/**
 * The families, their variants and overrides are data: `families.json` (with `alternatives`, the slimmer images
 * several rows offer). A row names what it shares instead of repeating it: `traits` one of the trait sets below,
 * `size` a figure of `SIZES`, an alternative by its key; a pattern (`tag`, `name`, `path`, `unsupportedTag`,
 * `javaMajor`) is a regular expression, `kw:a|b` a dash-separated keyword of the tag, `@NAME` one of `PATTERNS`;
 * `repositories` may be `official:<name>` (Docker Hub's library and its mirrors). `comment` is for readers.
 */
const TRAITS: Readonly<Record<string, Partial<Traits>>> = {
  debian: { distro: 'debian', libc: 'glibc', hasShell: true, shell: '/bin/bash', packageManager: 'apt' },
  alpine: { distro: 'alpine', libc: 'musl', hasShell: true, shell: '/bin/sh (BusyBox ash)', packageManager: 'apk' },
  ubuntu: { distro: 'ubuntu', libc: 'glibc', hasShell: true, shell: '/bin/bash', packageManager: 'apt' },
  windows: { distro: 'windows', libc: 'windows', hasShell: true, shell: 'cmd / PowerShell', packageManager: 'none' },
  'distroless-glibc': { distro: 'debian', libc: 'glibc', hasShell: false, shell: null, packageManager: 'none', isToolchain: false },
  'distroless-none': { distro: 'debian', libc: 'none', hasShell: false, shell: null, packageManager: 'none', isToolchain: false },
};
const PATTERNS: Readonly<Record<string, RegExp>> = { ALPINE, SLIM, WINDOWS, JRE, NOT_JRE, UBUNTU_SUITES };
const PATTERN_FIELDS = new Set(['tag', 'name', 'path', 'unsupportedTag', 'javaMajor']);
const LIBCS: readonly Libc[] = ['glibc', 'musl', 'uclibc', 'none', 'windows'];
const PACKAGE_TOOLS: readonly ImagePackageTool[] = ['apt', 'apk', 'dnf', 'microdnf', 'yum', 'tdnf', 'none'];
const KINDS: readonly ImageKind[] = ['official', 'microsoft', 'distroless', 'chainguard', 'scratch'];

type Raw = Readonly<Record<string, unknown>>;

function known<T>(value: T, allowed: readonly T[], what: string): T {
  if (value !== undefined && !allowed.includes(value)) throw new Error(`families.json: ${what} "${String(value)}" is not known`);
  return value;
}

function pattern(text: string): RegExp {
  if (text.startsWith('@')) return PATTERNS[text.slice(1)] ?? known<RegExp | undefined>(undefined, [], `pattern ${text}`)!;
  return text.startsWith('kw:') ? kw(text.slice(3)) : new RegExp(text);
}

/** One row (a variant, an override or its `set`) with its references resolved. */
function row(raw: Raw, alternatives: Readonly<Record<string, AltTemplate>>): Raw {
  const { traits, comment: _comment, ...own } = raw as Raw & { traits?: string; comment?: string };
  const out: Record<string, unknown> = {};
  if (traits !== undefined) Object.assign(out, TRAITS[traits] ?? known<Raw | undefined>(undefined, [], `traits ${traits}`));
  for (const [key, value] of Object.entries(own)) {
    if (PATTERN_FIELDS.has(key)) out[key] = pattern(value as string);
    else if (key === 'size') out[key] = (SIZES as Record<string, SizeFigure>)[value as string] ?? known(undefined, [], `size ${String(value)}`);
    else if (key === 'alternatives') out[key] = (value as (string | AltTemplate)[]).map((a) => (typeof a === 'string' ? (alternatives[a] ?? known(undefined, [], `alternative ${a}`)) : a));
    else if (key === 'set') out[key] = row(value as Raw, alternatives);
    else out[key] = value;
  }
  known(out.libc, LIBCS, 'libc');
  known(out.packageManager, PACKAGE_TOOLS, 'package manager');
  return out;
}

function family(raw: Raw, alternatives: Readonly<Record<string, AltTemplate>>): FamilyDef {
  const { repositories, variants, overrides, unsupportedTag, javaMajor, comment: _comment, ...own } = raw as Raw & {
    repositories: string | { registry: string; path: string }[];
    variants: Raw[];
    overrides?: Raw[];
    unsupportedTag?: string;
    javaMajor?: string;
    comment?: string;
  };
  known(own.kind, KINDS, 'kind');
  return {
    ...(own as unknown as Pick<FamilyDef, 'id' | 'label' | 'kind' | 'slim'>),
    repositories: typeof repositories === 'string' ? officialRepo(repositories.replace(/^official:/, '')) : repositories.map((r) => ({ registry: r.registry, path: pattern(r.path) })),
    ...(unsupportedTag !== undefined ? { unsupportedTag: pattern(unsupportedTag) } : {}),
    ...(javaMajor !== undefined ? { javaMajor: pattern(javaMajor) } : {}),
    variants: variants.map((v) => row(v, alternatives) as unknown as VariantDef),
    ...(overrides ? { overrides: overrides.map((o) => row(o, alternatives) as unknown as OverrideDef) } : {}),
  };
}

const officialRepo = (name: string): readonly RepositoryMatch[] => [
  { registry: 'docker.io', path: new RegExp(`^library/${name}$`) },
  { registry: 'public.ecr.aws', path: new RegExp(`^docker/library/${name}$`) },
  { registry: 'mirror.gcr.io', path: new RegExp(`^library/${name}$`) },
];

const FAMILIES: readonly FamilyDef[] = FAMILY_DATA.families.map((f) => family(f as unknown as Raw, FAMILY_DATA.alternatives as Readonly<Record<string, AltTemplate>>));

/* ------------------------------------------------------------------------------------------------------ */
/* Lookup                                                                                                 */
/* ------------------------------------------------------------------------------------------------------ */

const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/;
const PLACEHOLDERS = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;
/** A literal distribution release in a tag; enough to identify a family's default variant. */
const ANY_SUITE = kw([...DEBIAN_SUITES, 'focal', 'jammy', 'noble', 'resolute'].join('|'));

interface Resolved {
  family: FamilyDef;
  variant: VariantDef;
  /** The tag as parsed (`latest` when absent); unexpanded variables appear as `${NAME}`. */
  tag: string;
  /** The tag with unexpanded variables removed, used for matching. */
  literal: string;
  /** True when the variant was chosen by a tag pattern (not a catch-all). */
  tagMatched: boolean;
}

function findFamily(ref: ImageRef): FamilyDef | null {
  if (ref.isScratch) return FAMILIES.find((f) => f.id === 'scratch') ?? null;
  if (PLACEHOLDER.test(ref.registry) || PLACEHOLDER.test(ref.repository)) return null;
  for (const family of FAMILIES) {
    for (const repo of family.repositories) {
      if (repo.registry === ref.registry && repo.path.test(ref.repository)) return family;
    }
  }
  return null;
}

/** Leading version of a tag: `22` in `22-bookworm`, `3.12` in `3.12-slim`; null when the tag starts otherwise. */
function versionOf(tag: string): string | null {
  const first = tag.split('-')[0] ?? '';
  return /^\d[\w.]*$/.test(first) ? first : null;
}

function majorOf(version: string | null): number | null {
  if (version === null) return null;
  const m = /^\d+/.exec(version);
  return m ? Number(m[0]) : null;
}

function resolve(ref: ImageRef): Resolved | null {
  const family = findFamily(ref);
  if (family === null) return null;
  const tag = ref.tag ?? 'latest';
  // Unexpanded variables are matched as empty text, so literal parts (`-alpine`, `-slim`) still count.
  const literal = tag.replace(PLACEHOLDERS, '');
  const hasVariable = literal !== tag;
  if (family.unsupportedTag?.test(literal)) return null;
  const major = majorOf(versionOf(literal));
  const familyDependsOnTag = family.variants.some((v) => v.tag !== undefined || v.minMajor !== undefined);
  for (const variant of family.variants) {
    if (variant.tag && !variant.tag.test(literal)) continue;
    if (variant.name && !variant.name.test(ref.name)) continue;
    if (variant.minMajor !== undefined && (major === null || major < variant.minMajor)) continue;
    const tagMatched = variant.tag !== undefined || ANY_SUITE.test(literal);
    // A tag that still contains a variable only tells us something when a literal part picked the variant.
    if (hasVariable && !tagMatched && familyDependsOnTag) return null;
    return { family, variant, tag, literal, tagMatched };
  }
  return null;
}

function applyOverrides(resolved: Resolved, ref: ImageRef): { traits: Traits; label: string } {
  let traits: Traits = resolved.variant;
  let label = resolved.variant.label;
  for (const o of resolved.family.overrides ?? []) {
    if (o.variants && !o.variants.includes(resolved.variant.id)) continue;
    if (o.tag && !o.tag.test(resolved.literal)) continue;
    if (o.name && !o.name.test(ref.name)) continue;
    traits = { ...traits, ...o.set };
    if (o.labelSuffix) label += o.labelSuffix;
  }
  return { traits, label };
}

/** Values for alternative templates; missing entries make the template unusable. */
function placeholderValues(resolved: Resolved, ref: ImageRef): Record<string, string | undefined> {
  const { family, tag, literal } = resolved;
  const version = versionOf(literal);
  const major = majorOf(version);
  const suite = DEBIAN_SUITES.find((s) => new RegExp(`(?:^|-)${s}(?:-|$)`).test(literal));
  const javaMajor = family.javaMajor?.exec(literal)?.[1];
  const repo = ref.familiarName;
  return {
    repo,
    version: version ?? undefined,
    major: major === null ? undefined : String(major),
    suite,
    javaMajor,
    slimTag: family.slim ? slimTagOf(family.slim, tag) ?? undefined : undefined,
    tagNoDebug: tag.replace(/(?:^|-)debug(?=-|$)/, '').replace(/^-/, '') || 'latest',
    tagNoDev: /(?:^|-)dev$/.test(tag) ? tag.replace(/-?dev$/, '') || 'latest' : undefined,
  };
}

function fillAlternatives(templates: readonly AltTemplate[], values: Record<string, string | undefined>): Alternative[] {
  const out: Alternative[] = [];
  for (const t of templates) {
    let ok = true;
    const image = t.image.replace(/\{(\w+)\}/g, (_all, key: string) => {
      const v = values[key];
      if (v === undefined || PLACEHOLDER.test(v)) ok = false;
      return v ?? '';
    });
    if (!ok) continue;
    if (t.requires?.major && !t.requires.major.includes(values.major ?? '')) continue;
    if (t.requires?.javaMajor && !t.requires.javaMajor.includes(values.javaMajor ?? '')) continue;
    out.push({ image, note: t.note });
  }
  return out;
}

const factsOf = new KeyedCache<ImageRef, ImageFacts | null>();

/**
 * Facts about the image a reference points to, or null when it is not in the catalog (or too unresolved).
 * Worked out once per reference object (parseImageRef shares them), and read-only.
 */
export function lookupImage(ref: ImageRef): ImageFacts | null {
  return cached(factsOf, ref, findImage);
}

function findImage(ref: ImageRef): ImageFacts | null {
  const resolved = resolve(ref);
  if (resolved === null) return null;
  const { traits, label } = applyOverrides(resolved, ref);
  const values = placeholderValues(resolved, ref);
  return {
    family: resolved.family.id,
    familyLabel: resolved.family.label,
    kind: resolved.family.kind,
    variant: resolved.variant.id,
    variantLabel: label,
    distro: traits.distro,
    libc: traits.libc,
    hasShell: traits.hasShell,
    shell: traits.shell,
    packageManager: traits.packageManager,
    isToolchain: traits.isToolchain,
    contents: traits.contents ?? null,
    approxCompressedSize: traits.size ?? null,
    slimmerAlternatives: fillAlternatives(traits.alternatives ?? [], values),
    notes: traits.notes ?? [],
  };
}

/**
 * The slim tag for `tag` under a family's scheme, or null when the scheme gives none.
 * Returns the part to drop from the end of the tag and the part to put there instead.
 */
function slimRewrite(
  scheme: NonNullable<FamilyDef['slim']>,
  tag: string,
): { oldSuffix: string; newSuffix: string } | null {
  if (tag === 'latest') return scheme.latest ? { oldSuffix: 'latest', newSuffix: scheme.latest } : null;
  if (scheme.style === 'suffix') return { oldSuffix: '', newSuffix: '-slim' };
  for (const suite of DEBIAN_SUITES) {
    if (tag === suite) return { oldSuffix: suite, newSuffix: `slim-${suite}` };
    if (tag.endsWith(`-${suite}`)) return { oldSuffix: `-${suite}`, newSuffix: `-slim-${suite}` };
  }
  return { oldSuffix: '', newSuffix: '-slim' };
}

function slimTagOf(scheme: NonNullable<FamilyDef['slim']>, tag: string): string | null {
  const r = slimRewrite(scheme, tag);
  return r === null ? null : tag.slice(0, tag.length - r.oldSuffix.length) + r.newSuffix;
}

/**
 * The tag text to put in place of `ref.tagText` (the range `ref.tagStart`..`ref.tagEnd`) to switch to the
 * slim variant of the same version and distribution release, e.g. `22` → `22-slim`,
 * `22-bookworm` → `22-bookworm-slim` (node), `3.12-bookworm` → `3.12-slim-bookworm` (python).
 *
 * Null when the family has no slim variant, the tag is already slim, Alpine, Windows or not recognised,
 * the reference is pinned by digest, has no tag, or the part of the tag that would change comes from a
 * variable. Never proposes Alpine.
 */
export function slimTagFor(ref: ImageRef): string | null {
  return cached(slimTags, ref, findSlimTag);
}

/** Worked out once per reference object, as the facts are (most files' FROMs name a few common images). */
const slimTags = new KeyedCache<ImageRef, string | null>();

function findSlimTag(ref: ImageRef): string | null {
  if (ref.digest !== null || ref.tag === null || ref.tagText === null) return null;
  // The `-onbuild` variants (node, python, ruby… until 2017) exist to build the app's dependencies in the
  // image built FROM them, with the full toolchain; there never was an `-onbuild-slim`.
  if (ONBUILD_TAG.test(ref.tag)) return null;
  const resolved = resolve(ref);
  if (resolved === null) return null;
  const scheme = resolved.family.slim;
  if (!scheme || !resolved.variant.slimmable) return null;
  const r = slimRewrite(scheme, ref.tag);
  if (r === null) return null;
  if (!ref.tagText.endsWith(r.oldSuffix)) return null;
  return ref.tagText.slice(0, ref.tagText.length - r.oldSuffix.length) + r.newSuffix;
}

const ONBUILD_TAG = /(?:^|-)onbuild(?:-|$)/;

/** Family ids in the catalog, for documentation and tests. */
export function catalogFamilies(): string[] {
  return FAMILIES.map((f) => f.id);
}

/**
 * Every text of the catalog that a hover card shows as it is, by family: the variants' notes and contents and
 * the notes on their slimmer alternatives (overrides' included). For the Chinese of them (imageNotes.ts) and its test.
 */
export function catalogTexts(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of FAMILIES) {
    const texts = new Set<string>();
    const add = (t: Partial<Traits>): void => {
      for (const n of t.notes ?? []) texts.add(n);
      for (const a of t.alternatives ?? []) texts.add(a.note);
      if (t.contents) texts.add(t.contents);
    };
    for (const v of f.variants) add(v);
    for (const o of f.overrides ?? []) add(o.set);
    out[f.id] = [...texts];
  }
  return out;
}
