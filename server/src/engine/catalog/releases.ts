/**
 * Debian releases by code name and version number, with the end of their long-term support (the last day
 * Debian LTS covers them; after it the packages move to archive.debian.org and `apt-get update` against the
 * image's default sources fails). Source: wiki.debian.org/LTS and the Debian release notes.
 */
export interface DebianReleaseInfo {
  codename: string;
  version: number;
  /** Last day of LTS, `YYYY-MM-DD`. */
  endOfLife: string;
}

const DEBIAN: readonly DebianReleaseInfo[] = [
  { codename: 'squeeze', version: 6, endOfLife: '2016-02-29' },
  { codename: 'wheezy', version: 7, endOfLife: '2018-05-31' },
  { codename: 'jessie', version: 8, endOfLife: '2020-06-30' },
  { codename: 'stretch', version: 9, endOfLife: '2022-06-30' },
  { codename: 'buster', version: 10, endOfLife: '2024-06-30' },
  { codename: 'bullseye', version: 11, endOfLife: '2026-08-31' },
  { codename: 'bookworm', version: 12, endOfLife: '2028-06-30' },
  { codename: 'trixie', version: 13, endOfLife: '2030-06-30' },
];

/** Each release with the pattern of its code name in a tag (built once: the tag of every FROM is asked). */
const CODENAME_PATTERNS: readonly (readonly [DebianReleaseInfo, RegExp])[] = DEBIAN.map((r) => [r, new RegExp(`(?:^|[-.])${r.codename}(?:[-.]|$)`)]);

/**
 * The Debian release a tag names: a code name anywhere in it (`stretch-slim`, `3.6-stretch`,
 * `8-jdk-slim-buster`), or, for the `debian` image itself, a leading version number (`9-slim`, `10`).
 * Null when the tag names none.
 */
export function debianReleaseOfTag(tag: string, family: string | null): DebianReleaseInfo | null {
  const t = tag.toLowerCase();
  for (const [r, pattern] of CODENAME_PATTERNS) if (pattern.test(t)) return r;
  if (family === 'debian') {
    const m = /^(\d+)(?:[.-]|$)/.exec(t);
    if (m) return DEBIAN.find((r) => r.version === Number(m[1])) ?? null;
  }
  return null;
}

/** Whether a release's LTS ended before `date` (`YYYY-MM` or `YYYY-MM-DD`). */
export function endedBefore(release: DebianReleaseInfo, date: string): boolean {
  return release.endOfLife < date;
}
