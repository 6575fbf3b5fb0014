/**
 * Which Debian packages a catalogued image has installed, for apt size estimates (what an install adds is
 * its closure minus these). Each set says where it comes from. Pure data and lookups.
 */
import { DEBIAN_SUITE_NAMES, aptClosure, minbasePackages, type DebianSuite } from './debianPackages.js';
import type { Basis } from './basis.js';
import type { ImageRef } from './imageRef.js';
import type { ImageFacts } from './images.js';

export interface PackageSet {
  /** The Debian release whose package data the estimate uses. */
  readonly suite: DebianSuite;
  readonly packages: ReadonlySet<string>;
  /**
   * Where the set comes from, in a few words; for an image that is not Debian itself (Ubuntu), which Debian
   * data stands in for it.
   */
  readonly source: Basis;
  /** The image leaves docs, man pages and translations out of installs (the `-slim` images' dpkg config). */
  readonly slim: boolean;
}

/** The suite official images use when the tag names none (Debian's stable release at the catalog date). */
const DEFAULT_SUITE: DebianSuite = 'trixie';
const SUITE_OF: Record<string, DebianSuite> = { bookworm: 'bookworm', '12': 'bookworm', trixie: 'trixie', '13': 'trixie' };
const OLD_DEBIAN = /(?:^|-)(?:stretch|buster|bullseye|jessie|9|10|11)(?:[.-]|$)/;
/** Ubuntu releases and the Debian release closest in package versions (estimates only). */
const UBUNTU: Record<string, DebianSuite> = { jammy: 'bookworm', '22.04': 'bookworm', noble: 'trixie', '24.04': 'trixie' };

/** What the official Dockerfiles install on top of debian:<suite>, with --no-install-recommends. */
const CURL = ['ca-certificates', 'curl', 'gnupg', 'netbase', 'sq', 'wget'];
const SCM = [...CURL, 'git', 'git-lfs', 'mercurial', 'openssh-client', 'subversion', 'procps'];
const BUILDPACK_FULL = [
  ...SCM,
  ...'autoconf automake bzip2 dpkg-dev file g++ gcc imagemagick libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev libevent-dev libffi-dev libgdbm-dev libglib2.0-dev libgmp-dev libjpeg-dev libkrb5-dev liblzma-dev libmagickcore-dev libmagickwand-dev libmaxminddb-dev libncurses5-dev libncursesw5-dev libpng-dev libpq-dev libreadline-dev libsqlite3-dev libssl-dev libtool libwebp-dev libxml2-dev libxslt-dev libyaml-dev make patch unzip xz-utils zlib1g-dev default-libmysqlclient-dev'.split(
    ' ',
  ),
];
const BUILDPACK_SOURCE = 'docker-library/buildpack-deps debian/<suite>/{curl,scm,}/Dockerfile';

interface Extra {
  readonly packages: readonly string[];
  /** The official Dockerfile cited (null for debian itself). */
  readonly source: Basis | string | null;
}

/** Packages an image family adds to debian:<suite>, per its official Dockerfile; null when not known. */
function extraFor(facts: ImageFacts): Extra | null {
  const { family, variant } = facts;
  if (family === 'debian') return { packages: [], source: null };
  if (family === 'python' && variant === 'slim') return { packages: ['ca-certificates', 'netbase', 'tzdata'], source: { key: 'pythonSlimDockerfile' } };
  if (family === 'buildpack-deps') return { packages: variant === 'curl' ? CURL : variant === 'scm' ? SCM : BUILDPACK_FULL, source: BUILDPACK_SOURCE };
  if (['node', 'python', 'ruby'].includes(family) && variant === 'full') return { packages: BUILDPACK_FULL, source: { key: 'fullOnBuildpackDeps', args: { source: BUILDPACK_SOURCE, family } } };
  if (family === 'golang' && variant === 'full') return { packages: [...SCM, 'g++', 'gcc', 'libc6-dev', 'make', 'pkg-config'], source: { key: 'golangOnBuildpackDeps', args: { source: BUILDPACK_SOURCE } } };
  return null;
}

const cache = new Map<string, PackageSet | null>();

/**
 * The Debian package set of a catalogued image, or null when the image is not Debian- or Ubuntu-based, its
 * release has no package data here (bullseye and older), or the family's additions are not known.
 */
export function packageSetOf(ref: ImageRef, facts: ImageFacts): PackageSet | null {
  if (facts.packageManager !== 'apt') return null;
  const tag = ref.tag ?? 'latest';
  const key = `${facts.family}/${facts.variant}/${facts.distro}/${tag}`;
  if (cache.has(key)) return cache.get(key)!;
  const set = computeSet(facts, tag);
  cache.set(key, set);
  return set;
}

function computeSet(facts: ImageFacts, tag: string): PackageSet | null {
  if (facts.distro === 'ubuntu') {
    const release = Object.keys(UBUNTU).find((r) => new RegExp(`(?:^|-)${r.replace('.', '\\.')}(?:[.-]|$)`).test(tag));
    const suite = release ? UBUNTU[release]! : null;
    if (!suite || facts.family !== 'ubuntu') return null;
    return {
      suite,
      packages: minbasePackages(suite),
      source: { key: 'ubuntuFromDebian', args: { release: release!, suite } },
      // The ubuntu images' /etc/dpkg/dpkg.cfg.d/excludes (unminimize) keeps docs and man pages out too.
      slim: true,
    };
  }
  if (facts.distro !== 'debian' || OLD_DEBIAN.test(tag)) return null;
  const named = DEBIAN_SUITE_NAMES.find((s) => new RegExp(`(?:^|-)${s}(?:[.-]|$)`).test(tag));
  const numbered = facts.family === 'debian' ? /^(1[23])(?:[.-]|$)/.exec(tag)?.[1] : undefined;
  const suite = named ?? (numbered ? SUITE_OF[numbered]! : DEFAULT_SUITE);
  const extra = extraFor(facts);
  if (!extra) return null;
  const base = minbasePackages(suite);
  const added = extra.packages.length > 0 ? aptClosure(suite, extra.packages, { recommends: false, installed: base }).packages : [];
  const minbase: Basis = { key: 'debianMinbase', args: { suite } };
  return {
    suite,
    packages: new Set([...base, ...extra.packages, ...added]),
    source: extra.source ? { key: 'debianMinbasePlus', args: { minbase, extra: extra.source } } : minbase,
    // debian:*-slim and the images built on it (python, node, ruby -slim) exclude docs, man pages and translations.
    slim: facts.variant === 'slim',
  };
}
