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

export interface ImageFacts {
  /** Catalog family id, e.g. `node`, `distroless`, `dotnet-runtime`. */
  readonly family: string;
  readonly familyLabel: string;
  readonly kind: ImageKind;
  /** Variant id within the family, e.g. `full`, `slim`, `alpine`, `windows`, `static`. */
  readonly variant: string;
  readonly variantLabel: string;
  /** Base distribution: `debian`, `ubuntu`, `alpine`, `oraclelinux`, `ubi`, `azurelinux`, `wolfi`, `busybox`, `windows`, `none`. */
  readonly distro: string;
  readonly libc: Libc;
  readonly hasShell: boolean;
  /** The shell, when there is one, e.g. `/bin/sh (BusyBox)`. */
  readonly shell: string | null;
  readonly packageManager: ImagePackageTool;
  /** True when the image ships compilers, headers or an SDK (a build image). */
  readonly isToolchain: boolean;
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

interface Traits {
  readonly distro: string;
  readonly libc: Libc;
  readonly hasShell: boolean;
  readonly shell: string | null;
  readonly packageManager: ImagePackageTool;
  readonly isToolchain: boolean;
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

const officialRepo = (name: string): readonly RepositoryMatch[] => [
  { registry: 'docker.io', path: new RegExp(`^library/${name}$`) },
  { registry: 'public.ecr.aws', path: new RegExp(`^docker/library/${name}$`) },
  { registry: 'mirror.gcr.io', path: new RegExp(`^library/${name}$`) },
];

const DEBIAN_FULL = { distro: 'debian', libc: 'glibc', hasShell: true, shell: '/bin/bash', packageManager: 'apt' } as const;
const ALPINE_BASE = { distro: 'alpine', libc: 'musl', hasShell: true, shell: '/bin/sh (BusyBox ash)', packageManager: 'apk' } as const;
const UBUNTU_BASE = { distro: 'ubuntu', libc: 'glibc', hasShell: true, shell: '/bin/bash', packageManager: 'apt' } as const;
const WINDOWS_BASE = {
  distro: 'windows',
  libc: 'windows',
  hasShell: true,
  shell: 'cmd / PowerShell',
  packageManager: 'none',
} as const;

/** Java versions with maintained eclipse-temurin images (LTS releases). */
const TEMURIN_MAJORS = ['8', '11', '17', '21', '25'];

const ALT = {
  sameSlim: { image: '{repo}:{slimTag}', note: 'same release on Debian slim, glibc, no compilers' },
  distrolessNode: {
    image: 'gcr.io/distroless/nodejs{major}-debian12',
    note: 'no shell, no npm: exec-form CMD, copy `node_modules` from a build stage',
    requires: { major: ['20', '22'] },
  },
  distrolessPython: {
    image: 'gcr.io/distroless/python3-debian12',
    note: "Debian's Python 3.11 (not your image's version), no shell, no pip",
  },
  goScratch: { image: 'scratch', note: 'for `CGO_ENABLED=0` binaries; add CA certificates and tzdata yourself' },
  goStatic: {
    image: 'gcr.io/distroless/static-debian12',
    note: 'for `CGO_ENABLED=0` binaries; has CA certificates, tzdata and a nonroot user',
  },
  goBase: { image: 'gcr.io/distroless/base-debian12', note: 'for cgo binaries that need glibc' },
  ccRuntime: { image: 'gcr.io/distroless/cc-debian12', note: 'runtime for binaries linked against glibc and libgcc' },
  staticRuntime: { image: 'gcr.io/distroless/static-debian12', note: 'for fully static binaries (e.g. a musl target)' },
  debianSlimRuntime: { image: 'debian:stable-slim', note: 'runtime stage with a shell; copy only the built files' },
  temurinJre: {
    image: 'eclipse-temurin:{major}-jre',
    note: 'Java runtime only, no compiler',
    requires: { major: TEMURIN_MAJORS },
  },
  temurinJreFromJava: {
    image: 'eclipse-temurin:{javaMajor}-jre',
    note: 'run stage: Java runtime only',
    requires: { javaMajor: TEMURIN_MAJORS },
  },
  distrolessJava: {
    image: 'gcr.io/distroless/java{major}-debian12',
    note: 'no shell; exec-form ENTRYPOINT',
    requires: { major: ['17', '21'] },
  },
  distrolessJavaFromJava: {
    image: 'gcr.io/distroless/java{javaMajor}-debian12',
    note: 'no shell; exec-form ENTRYPOINT',
    requires: { javaMajor: ['17', '21'] },
  },
} satisfies Record<string, AltTemplate>;

const TOOLCHAIN_NOTE = 'Build image: compile here and copy the result into a smaller final stage.';

const FAMILIES: readonly FamilyDef[] = [
  {
    id: 'node',
    label: 'Node.js',
    kind: 'official',
    repositories: officialRepo('node'),
    slim: { style: 'suffix', latest: 'slim' },
    variants: [
      {
        id: 'alpine',
        label: 'Alpine',
        tag: ALPINE,
        ...ALPINE_BASE,
        isToolchain: false,
        size: SIZES.node22Alpine,
        alternatives: [ALT.distrolessNode],
      },
      {
        id: 'slim',
        label: 'Debian slim',
        tag: SLIM,
        ...DEBIAN_FULL,
        isToolchain: false,
        size: SIZES.node22Slim,
        alternatives: [ALT.distrolessNode],
      },
      {
        id: 'full',
        label: 'Debian (buildpack-deps)',
        ...DEBIAN_FULL,
        isToolchain: true,
        slimmable: true,
        size: SIZES.node22,
        alternatives: [ALT.sameSlim, ALT.distrolessNode],
        notes: ['Includes gcc, make, git and many -dev libraries for building native modules.'],
      },
    ],
  },
  {
    id: 'python',
    label: 'Python',
    kind: 'official',
    repositories: officialRepo('python'),
    slim: { style: 'infix', latest: 'slim' },
    variants: [
      { id: 'windows', label: 'Windows', tag: WINDOWS, ...WINDOWS_BASE, isToolchain: false },
      {
        id: 'alpine',
        label: 'Alpine',
        tag: ALPINE,
        ...ALPINE_BASE,
        isToolchain: false,
        size: SIZES.python312Alpine,
        notes: ['CPython here is built with an enlarged 1 MiB thread stack to offset musl’s small default.'],
      },
      {
        id: 'slim',
        label: 'Debian slim',
        tag: SLIM,
        ...DEBIAN_FULL,
        isToolchain: false,
        size: SIZES.python312Slim,
        alternatives: [ALT.distrolessPython],
      },
      {
        id: 'full',
        label: 'Debian (buildpack-deps)',
        ...DEBIAN_FULL,
        isToolchain: true,
        slimmable: true,
        size: SIZES.python312,
        alternatives: [ALT.sameSlim, ALT.distrolessPython],
        notes: ['Includes gcc, make and many -dev libraries for building packages from source.'],
      },
    ],
  },
  {
    id: 'golang',
    label: 'Go',
    kind: 'official',
    repositories: officialRepo('golang'),
    variants: [
      { id: 'windows', label: 'Windows', tag: WINDOWS, ...WINDOWS_BASE, isToolchain: true },
      {
        id: 'alpine',
        label: 'Alpine',
        tag: ALPINE,
        ...ALPINE_BASE,
        isToolchain: true,
        size: SIZES.golang125Alpine,
        alternatives: [ALT.goScratch, ALT.goStatic],
        notes: ['No gcc: cgo builds need `apk add build-base`.', TOOLCHAIN_NOTE],
      },
      {
        id: 'full',
        label: 'Debian',
        ...DEBIAN_FULL,
        isToolchain: true,
        size: SIZES.golang125,
        alternatives: [ALT.goScratch, ALT.goStatic, ALT.goBase],
        notes: ['Includes the Go toolchain plus gcc, git and version-control tools.', TOOLCHAIN_NOTE],
      },
    ],
  },
  {
    id: 'rust',
    label: 'Rust',
    kind: 'official',
    repositories: officialRepo('rust'),
    slim: { style: 'infix', latest: 'slim' },
    variants: [
      {
        id: 'alpine',
        label: 'Alpine',
        tag: ALPINE,
        ...ALPINE_BASE,
        isToolchain: true,
        alternatives: [ALT.staticRuntime],
        notes: [TOOLCHAIN_NOTE],
      },
      {
        id: 'slim',
        label: 'Debian slim',
        tag: SLIM,
        ...DEBIAN_FULL,
        isToolchain: true,
        size: SIZES.rust1Slim,
        alternatives: [ALT.ccRuntime, ALT.staticRuntime],
        notes: ['Still a toolchain (rustc, cargo, gcc, libc6-dev).', TOOLCHAIN_NOTE],
      },
      {
        id: 'full',
        label: 'Debian (buildpack-deps)',
        ...DEBIAN_FULL,
        isToolchain: true,
        slimmable: true,
        alternatives: [ALT.ccRuntime, ALT.staticRuntime],
        notes: [TOOLCHAIN_NOTE],
      },
    ],
  },
  {
    id: 'gcc',
    label: 'GCC',
    kind: 'official',
    repositories: officialRepo('gcc'),
    variants: [
      {
        id: 'full',
        label: 'Debian (buildpack-deps)',
        ...DEBIAN_FULL,
        isToolchain: true,
        alternatives: [ALT.debianSlimRuntime, ALT.ccRuntime, { image: 'scratch', note: 'for binaries linked with -static' }],
        notes: [TOOLCHAIN_NOTE],
      },
    ],
  },
  {
    id: 'openjdk',
    label: 'OpenJDK (deprecated image)',
    kind: 'official',
    repositories: officialRepo('openjdk'),
    slim: { style: 'infix' },
    variants: [
      { id: 'windows', label: 'Windows', tag: WINDOWS, ...WINDOWS_BASE, isToolchain: true },
      { id: 'alpine', label: 'Alpine', tag: ALPINE, ...ALPINE_BASE, isToolchain: true },
      {
        id: 'oraclelinux',
        label: 'Oracle Linux',
        tag: kw('oraclelinux\\d*|oracle'),
        distro: 'oraclelinux',
        libc: 'glibc',
        hasShell: true,
        shell: '/bin/bash',
        packageManager: 'microdnf',
        isToolchain: true,
      },
      { id: 'slim', label: 'Debian slim', tag: SLIM, ...DEBIAN_FULL, isToolchain: true },
      { id: 'full', label: 'Debian', tag: kw(DEBIAN_SUITES.join('|')), ...DEBIAN_FULL, isToolchain: true, slimmable: true },
      {
        // Untagged suites: JDK 17 and later default to Oracle Linux 8/9 (microdnf).
        id: 'oraclelinux',
        label: 'Oracle Linux',
        minMajor: 17,
        distro: 'oraclelinux',
        libc: 'glibc',
        hasShell: true,
        shell: '/bin/bash',
        packageManager: 'microdnf',
        isToolchain: true,
      },
      {
        // JDK 12 to 16 defaulted to Oracle Linux 7 (yum).
        id: 'oraclelinux',
        label: 'Oracle Linux',
        minMajor: 12,
        distro: 'oraclelinux',
        libc: 'glibc',
        hasShell: true,
        shell: '/bin/bash',
        packageManager: 'yum',
        isToolchain: true,
      },
      { id: 'full', label: 'Debian', ...DEBIAN_FULL, isToolchain: true, slimmable: true },
    ],
    overrides: [
      { tag: kw('oraclelinux7'), set: { packageManager: 'yum' } },
      { tag: JRE, labelSuffix: ', JRE', set: { isToolchain: false } },
      { set: { notes: ['The openjdk image is deprecated; eclipse-temurin is a maintained replacement.'] } },
      { variants: ['oraclelinux', 'slim', 'full'], set: { alternatives: [ALT.temurinJre, ALT.distrolessJava] } },
    ],
  },
  {
    id: 'eclipse-temurin',
    label: 'Eclipse Temurin (Java)',
    kind: 'official',
    repositories: officialRepo('eclipse-temurin'),
    variants: [
      { id: 'windows', label: 'Windows', tag: WINDOWS, ...WINDOWS_BASE, isToolchain: true },
      { id: 'alpine', label: 'Alpine', tag: ALPINE, ...ALPINE_BASE, isToolchain: true },
      {
        id: 'ubi-minimal',
        label: 'Red Hat UBI minimal',
        tag: kw('ubi\\d*-minimal'),
        distro: 'ubi',
        libc: 'glibc',
        hasShell: true,
        shell: '/bin/bash',
        packageManager: 'microdnf',
        isToolchain: true,
      },
      { id: 'ubuntu', label: 'Ubuntu', ...UBUNTU_BASE, isToolchain: true, size: SIZES.temurin21Jdk },
    ],
    overrides: [
      { tag: JRE, labelSuffix: ', JRE', set: { isToolchain: false } },
      { tag: JRE, variants: ['ubuntu'], set: { size: SIZES.temurin21Jre, alternatives: [ALT.distrolessJava] } },
      { tag: NOT_JRE, variants: ['ubuntu'], set: { alternatives: [ALT.temurinJre, ALT.distrolessJava] } },
    ],
  },
  {
    id: 'maven',
    label: 'Maven',
    kind: 'official',
    repositories: officialRepo('maven'),
    unsupportedTag: /corretto|ibmjava|semeru|sapmachine|graalvm|openjdk/,
    javaMajor: /temurin-(\d+)/,
    variants: [
      { id: 'alpine', label: 'Alpine', tag: ALPINE, ...ALPINE_BASE, isToolchain: true },
      { id: 'ubuntu', label: 'Ubuntu (Eclipse Temurin JDK)', ...UBUNTU_BASE, isToolchain: true },
    ],
    overrides: [
      {
        set: {
          alternatives: [ALT.temurinJreFromJava, ALT.distrolessJavaFromJava],
          notes: [TOOLCHAIN_NOTE],
        },
      },
    ],
  },
  {
    id: 'gradle',
    label: 'Gradle',
    kind: 'official',
    repositories: officialRepo('gradle'),
    unsupportedTag: /corretto|graal|semeru/,
    javaMajor: /jdk-?(\d+)/,
    variants: [
      { id: 'alpine', label: 'Alpine', tag: ALPINE, ...ALPINE_BASE, isToolchain: true },
      {
        id: 'ubi-minimal',
        label: 'Red Hat UBI minimal',
        tag: kw('ubi(?:\\d*-minimal)?'),
        distro: 'ubi',
        libc: 'glibc',
        hasShell: true,
        shell: '/bin/bash',
        packageManager: 'microdnf',
        isToolchain: true,
      },
      { id: 'ubuntu', label: 'Ubuntu (Eclipse Temurin JDK)', ...UBUNTU_BASE, isToolchain: true },
    ],
    overrides: [
      {
        set: {
          alternatives: [ALT.temurinJreFromJava, ALT.distrolessJavaFromJava],
          notes: [TOOLCHAIN_NOTE],
        },
      },
    ],
  },
  {
    id: 'ruby',
    label: 'Ruby',
    kind: 'official',
    repositories: officialRepo('ruby'),
    slim: { style: 'infix', latest: 'slim' },
    variants: [
      { id: 'alpine', label: 'Alpine', tag: ALPINE, ...ALPINE_BASE, isToolchain: false },
      { id: 'slim', label: 'Debian slim', tag: SLIM, ...DEBIAN_FULL, isToolchain: false },
      {
        id: 'full',
        label: 'Debian (buildpack-deps)',
        ...DEBIAN_FULL,
        isToolchain: true,
        slimmable: true,
        alternatives: [ALT.sameSlim],
        notes: ['Includes gcc, make and many -dev libraries for building native gems.'],
      },
    ],
  },
  {
    id: 'php',
    label: 'PHP',
    kind: 'official',
    repositories: officialRepo('php'),
    variants: [
      {
        id: 'alpine',
        label: 'Alpine',
        tag: ALPINE,
        ...ALPINE_BASE,
        isToolchain: false,
        notes: ['Build tools (PHPIZE_DEPS) are installed only while docker-php-ext-install runs.'],
      },
      {
        id: 'debian',
        label: 'Debian slim',
        ...DEBIAN_FULL,
        isToolchain: true,
        notes: ['Based on debian slim, but keeps PHPIZE_DEPS (gcc, g++, make, autoconf) installed for building extensions.'],
      },
    ],
  },
  {
    id: 'dotnet-sdk',
    label: '.NET SDK',
    kind: 'microsoft',
    repositories: [{ registry: 'mcr.microsoft.com', path: /^dotnet\/(?:core\/)?sdk$/ }],
    variants: dotnetVariants(true),
    overrides: [
      {
        set: {
          alternatives: [
            { image: 'mcr.microsoft.com/dotnet/aspnet:{version}', note: 'run stage for ASP.NET Core apps' },
            { image: 'mcr.microsoft.com/dotnet/runtime:{version}', note: 'run stage for console apps' },
          ],
          notes: [TOOLCHAIN_NOTE],
        },
      },
    ],
  },
  {
    id: 'dotnet-runtime',
    label: '.NET runtime',
    kind: 'microsoft',
    repositories: [{ registry: 'mcr.microsoft.com', path: /^dotnet\/(?:core\/)?(?:aspnet|runtime|runtime-deps)$/ }],
    variants: dotnetVariants(false),
    overrides: [
      {
        variants: ['debian', 'ubuntu'],
        set: {
          alternatives: [
            {
              image: '{repo}:{version}-noble-chiseled',
              note: 'Ubuntu chiseled: no shell, no package manager',
              requires: { major: ['8', '9', '10'] },
            },
          ],
        },
      },
    ],
  },
  {
    id: 'buildpack-deps',
    label: 'buildpack-deps',
    kind: 'official',
    repositories: officialRepo('buildpack-deps'),
    variants: [
      { id: 'curl', label: 'curl (ca-certificates, curl, wget, gnupg)', tag: /(?:^|-)curl$/, ...DEBIAN_FULL, isToolchain: false },
      { id: 'scm', label: 'scm (curl + git, mercurial, subversion)', tag: /(?:^|-)scm$/, ...DEBIAN_FULL, isToolchain: false },
      {
        id: 'full',
        label: 'full (scm + gcc and -dev libraries)',
        ...DEBIAN_FULL,
        isToolchain: true,
        alternatives: [{ image: 'debian:{suite}-slim', note: 'runtime stage: install only what the app needs' }],
        notes: [TOOLCHAIN_NOTE],
      },
    ],
    overrides: [{ tag: UBUNTU_SUITES, set: { distro: 'ubuntu' } }],
  },
  {
    id: 'debian',
    label: 'Debian',
    kind: 'official',
    repositories: officialRepo('debian'),
    slim: { style: 'suffix' },
    variants: [
      { id: 'slim', label: 'slim', tag: SLIM, ...DEBIAN_FULL, isToolchain: false },
      { id: 'full', label: 'full', tag: /^latest$|backports|experimental|rc-buggy/, ...DEBIAN_FULL, isToolchain: false },
      {
        id: 'full',
        label: 'full',
        ...DEBIAN_FULL,
        isToolchain: false,
        slimmable: true,
        alternatives: [{ image: '{repo}:{slimTag}', note: 'same release without man pages, docs and locales' }],
      },
    ],
    overrides: [
      { variants: ['slim'], tag: /^(?:bookworm|12)(?:[.-]|$)/, set: { size: SIZES.debianBookwormSlim } },
      { variants: ['slim'], tag: /^(?:trixie|13)(?:[.-]|$)/, set: { size: SIZES.debianTrixieSlim } },
      { variants: ['full'], tag: /^(?:bookworm|12)(?:\.\d+)?(?:-\d{8})?$/, set: { size: SIZES.debianBookworm } },
      { variants: ['full'], tag: /^(?:trixie|13)(?:\.\d+)?(?:-\d{8})?$/, set: { size: SIZES.debianTrixie } },
    ],
  },
  {
    id: 'ubuntu',
    label: 'Ubuntu',
    kind: 'official',
    repositories: officialRepo('ubuntu'),
    variants: [
      {
        id: 'full',
        label: 'minimized',
        ...UBUNTU_BASE,
        isToolchain: false,
        notes: ['Ubuntu publishes no -slim tags; the image is already a minimized install.'],
      },
    ],
    overrides: [{ tag: /^(?:24\.04|noble)(?:-|$)/, set: { size: SIZES.ubuntu2404 } }],
  },
  {
    id: 'alpine',
    label: 'Alpine Linux',
    kind: 'official',
    repositories: officialRepo('alpine'),
    // Every release gets the figure of the newest one (the card names the image it was measured on): on
    // 2026-09-17 repo-info measured 3.21.8, 3.22.6, 3.23.6 and 3.24.2 at 7.8, 8.3, 8.42 and 8.42 MiB uncompressed.
    variants: [{ id: 'alpine', label: 'Alpine', ...ALPINE_BASE, isToolchain: false, size: SIZES.alpine324 }],
  },
  {
    id: 'busybox',
    label: 'BusyBox',
    kind: 'official',
    repositories: officialRepo('busybox'),
    variants: [
      {
        id: 'musl',
        label: 'musl',
        tag: kw('musl'),
        distro: 'busybox',
        libc: 'musl',
        hasShell: true,
        shell: '/bin/sh (BusyBox)',
        packageManager: 'none',
        isToolchain: false,
        size: SIZES.busyboxMusl,
      },
      {
        id: 'uclibc',
        label: 'uClibc',
        tag: kw('uclibc'),
        distro: 'busybox',
        libc: 'uclibc',
        hasShell: true,
        shell: '/bin/sh (BusyBox)',
        packageManager: 'none',
        isToolchain: false,
        size: SIZES.busyboxUclibc,
      },
      {
        id: 'glibc',
        label: 'glibc',
        distro: 'busybox',
        libc: 'glibc',
        hasShell: true,
        shell: '/bin/sh (BusyBox)',
        packageManager: 'none',
        isToolchain: false,
        size: SIZES.busyboxGlibc,
        notes: ['Untagged libc means glibc on amd64 (some arm variants get musl).'],
      },
    ],
  },
  {
    id: 'distroless',
    label: 'Distroless',
    kind: 'distroless',
    repositories: [{ registry: 'gcr.io', path: /^distroless\/[a-z0-9-]+$/ }],
    variants: [
      {
        id: 'static',
        label: 'static',
        name: /^static(?:-debian\d+)?$/,
        ...distroless('none'),
        contents: 'CA certificates, tzdata, /etc/passwd with root and nonroot users, /tmp; no libc',
        size: SIZES.distrolessStatic,
      },
      {
        id: 'base-nossl',
        label: 'base-nossl',
        name: /^base-nossl(?:-debian\d+)?$/,
        ...distroless('glibc'),
        contents: 'static + glibc',
        alternatives: [{ image: 'gcr.io/distroless/static-debian12', note: 'if the binary needs no libc' }],
      },
      {
        id: 'base',
        label: 'base',
        name: /^base(?:-debian\d+)?$/,
        ...distroless('glibc'),
        contents: 'static + glibc + OpenSSL',
        alternatives: [{ image: 'gcr.io/distroless/static-debian12', note: 'if the binary needs no libc' }],
      },
      {
        id: 'cc',
        label: 'cc',
        name: /^cc(?:-debian\d+)?$/,
        ...distroless('glibc'),
        contents: 'base + libgcc (for C++, Rust and D runtimes)',
        alternatives: [{ image: 'gcr.io/distroless/base-debian12', note: 'if the binary does not need libgcc' }],
      },
      {
        id: 'java',
        label: 'java',
        name: /^java(?:-base|\d+)(?:-debian\d+)?$/,
        ...distroless('glibc'),
        contents: 'base + an OpenJDK Java runtime',
      },
      {
        id: 'nodejs',
        label: 'nodejs',
        name: /^nodejs\d*(?:-debian\d+)?$/,
        ...distroless('glibc'),
        contents: 'base + the Node.js runtime (no npm)',
      },
      {
        id: 'python3',
        label: 'python3',
        name: /^python3(?:-debian\d+)?$/,
        ...distroless('glibc'),
        contents: "base + Debian's Python 3 (no pip)",
      },
    ],
    overrides: [
      {
        tag: kw('debug'),
        labelSuffix: ', debug',
        set: {
          hasShell: true,
          shell: '/busybox/sh (BusyBox)',
          alternatives: [{ image: '{repo}:{tagNoDebug}', note: 'same image without BusyBox, for production' }],
        },
      },
    ],
  },
  {
    id: 'chainguard',
    label: 'Chainguard (Wolfi)',
    kind: 'chainguard',
    repositories: [{ registry: 'cgr.dev', path: /^chainguard\/[a-z0-9._-]+$/ }],
    variants: [
      {
        id: 'static',
        label: 'static',
        name: /^static$/,
        distro: 'wolfi',
        libc: 'none',
        hasShell: false,
        shell: null,
        packageManager: 'none',
        isToolchain: false,
        contents: 'a base for statically linked binaries; no libc',
      },
      {
        id: 'wolfi-base',
        label: 'wolfi-base',
        name: /^wolfi-base$/,
        distro: 'wolfi',
        libc: 'glibc',
        hasShell: true,
        shell: '/bin/sh (BusyBox)',
        packageManager: 'apk',
        isToolchain: false,
        contents: 'BusyBox and apk-tools on Wolfi',
      },
      {
        id: 'glibc-dynamic',
        label: 'glibc-dynamic',
        name: /^glibc-dynamic$/,
        distro: 'wolfi',
        libc: 'glibc',
        hasShell: false,
        shell: null,
        packageManager: 'none',
        isToolchain: false,
        contents: 'glibc and libstdc++: enough to run dynamically linked binaries',
      },
      {
        id: 'toolchain',
        label: 'build image',
        name: /^(?:go|rust|gcc-glibc|clang|jdk|maven|gradle|dotnet-sdk)$/,
        distro: 'wolfi',
        libc: 'glibc',
        hasShell: false,
        shell: null,
        packageManager: 'none',
        isToolchain: true,
      },
      {
        id: 'runtime',
        label: 'runtime image',
        distro: 'wolfi',
        libc: 'glibc',
        hasShell: false,
        shell: null,
        packageManager: 'none',
        isToolchain: false,
      },
    ],
    overrides: [
      {
        set: {
          notes: [
            'Wolfi is glibc-based; its apk packages are not compatible with Alpine’s.',
            'Tags without -dev usually have no shell and no apk; -dev tags add both.',
          ],
        },
      },
      {
        tag: /(?:^|-)dev$/,
        labelSuffix: ', -dev',
        set: {
          hasShell: true,
          shell: '/bin/sh',
          packageManager: 'apk',
          alternatives: [{ image: '{repo}:{tagNoDev}', note: 'same image without shell and apk, for the final stage' }],
        },
      },
    ],
  },
  {
    id: 'scratch',
    label: 'scratch',
    kind: 'scratch',
    repositories: [{ registry: '', path: /^scratch$/ }],
    variants: [
      {
        id: 'scratch',
        label: 'empty',
        distro: 'none',
        libc: 'none',
        hasShell: false,
        shell: null,
        packageManager: 'none',
        isToolchain: false,
        contents: 'nothing: only the files you COPY in',
        size: SIZES.scratch,
      },
    ],
  },
];

function distroless(libc: Libc): Traits {
  return { distro: 'debian', libc, hasShell: false, shell: null, packageManager: 'none', isToolchain: false };
}

function dotnetVariants(sdk: boolean): VariantDef[] {
  const linux = { libc: 'glibc', hasShell: true, shell: '/bin/bash', isToolchain: sdk } as const;
  return [
    { id: 'windows', label: 'Windows', tag: WINDOWS, ...WINDOWS_BASE, isToolchain: sdk },
    {
      id: 'chiseled',
      label: 'Ubuntu chiseled',
      tag: kw('chiseled'),
      distro: 'ubuntu',
      libc: 'glibc',
      hasShell: false,
      shell: null,
      packageManager: 'none',
      isToolchain: sdk,
    },
    {
      id: 'azurelinux-distroless',
      label: 'Azure Linux distroless',
      tag: /(?:azurelinux|cbl-mariner)[\d.]*-distroless/,
      distro: 'azurelinux',
      libc: 'glibc',
      hasShell: false,
      shell: null,
      packageManager: 'none',
      isToolchain: sdk,
    },
    { id: 'azurelinux', label: 'Azure Linux', tag: /azurelinux|cbl-mariner/, distro: 'azurelinux', ...linux, packageManager: 'tdnf' },
    { id: 'alpine', label: 'Alpine', tag: ALPINE, ...ALPINE_BASE, isToolchain: sdk },
    { id: 'ubuntu', label: 'Ubuntu', tag: UBUNTU_SUITES, ...UBUNTU_BASE, isToolchain: sdk },
    { id: 'debian', label: 'Debian', tag: kw(DEBIAN_SUITES.join('|')), ...DEBIAN_FULL, isToolchain: sdk },
    // Untagged distro: Ubuntu 24.04 from .NET 10 on, Debian (bookworm-slim) for .NET 8 and 9.
    { id: 'ubuntu', label: 'Ubuntu', minMajor: 10, ...UBUNTU_BASE, isToolchain: sdk },
    { id: 'debian', label: 'Debian', ...DEBIAN_FULL, isToolchain: sdk },
  ];
}

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

const factsOf = new WeakMap<ImageRef, ImageFacts | null>();

/**
 * Facts about the image a reference points to, or null when it is not in the catalog (or too unresolved).
 * Worked out once per reference object (parseImageRef shares them), and read-only.
 */
export function lookupImage(ref: ImageRef): ImageFacts | null {
  let facts = factsOf.get(ref);
  if (facts === undefined) {
    facts = findImage(ref);
    factsOf.set(ref, facts);
  }
  return facts;
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
