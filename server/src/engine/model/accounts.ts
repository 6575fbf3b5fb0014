/**
 * What user-account commands do to an image: `useradd`'s options, and whether the base image's `useradd`
 * grows /var/log/lastlog and /var/log/faillog for a new UID.
 */
import { parseImageRef } from '../catalog/imageRef.js';
import { debianReleaseOfTag } from '../catalog/releases.js';
import { lookupImage } from '../catalog/images.js';
import type { Stage } from './model.js';
import type { ShellCommand, ShellWord } from './shell.js';

/** Short options of shadow's `useradd` that take a value. */
const USERADD_SHORT_WITH_VALUE = new Set(['b', 'c', 'd', 'e', 'f', 'g', 'G', 'k', 'K', 'p', 'P', 'R', 's', 'u', 'Z']);
/** Long options of shadow's `useradd` that take a value. */
const USERADD_LONG_WITH_VALUE = new Set([
  '--base-dir', '--comment', '--home-dir', '--expiredate', '--inactive', '--gid', '--groups', '--skel', '--key',
  '--password', '--prefix', '--root', '--shell', '--uid', '--selinux-user', '--selinux-range',
]);

export interface UseraddArgs {
  /** `-l`, `--no-log-init` (or an unambiguous abbreviation such as `--no-log`), alone or in a group like `-lm`. */
  noLogInit: boolean;
  /** `-D`/`--defaults` (prints or changes the defaults: no user is made) or `-h`/`--help`. */
  noUser: boolean;
  /** The UID option's value: the word it is read from and its text after the option; null without one. */
  uid: { word: ShellWord; text: string; value: string | null } | null;
  /** A word in the place of an option that depends on expansions (`$OPTS`): it may hold `-l`. */
  opaque: boolean;
}

/** Reads the options of a `useradd` command the way getopt does (groups such as `-lu1000` included). */
export function useraddArgs(cmd: ShellCommand): UseraddArgs {
  const out: UseraddArgs = { noLogInit: false, noUser: false, uid: null, opaque: false };
  const args = cmd.args;
  // The value of an option given in the next word.
  const next = (i: number, word: ShellWord): { word: ShellWord; text: string; value: string | null } => {
    const w = args[i + 1];
    return w ? { word: w, text: w.text, value: w.value } : { word, text: '', value: null };
  };
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    // A word with an expansion is read up to it: `--uid=$UID`, `-u"$UID"`; the rest is unknown.
    const whole = word.value !== null;
    const known = word.value ?? staticPrefix(word.text);
    if (whole && known === '--') break;
    if (!known.startsWith('-') || known === '-') {
      // The user name is the one operand; an unreadable word before it may hold options.
      if (!whole && i < args.length - 1) out.opaque = true;
      continue;
    }
    if (known.startsWith('--')) {
      const eq = known.indexOf('=');
      if (!whole && eq < 0) {
        out.opaque = true;
        continue;
      }
      const name = eq < 0 ? known : known.slice(0, eq);
      if (name.length >= '--no-l'.length && '--no-log-init'.startsWith(name)) out.noLogInit = true;
      else if (name === '--defaults' || name === '--help') out.noUser = true;
      else if (USERADD_LONG_WITH_VALUE.has(name)) {
        const v = eq >= 0 ? { word, text: word.text.slice(word.text.indexOf('=') + 1), value: whole ? known.slice(eq + 1) : null } : next(i, word);
        if (eq < 0) i++;
        if (name === '--uid') out.uid = v;
      }
      continue;
    }
    let valued = false;
    for (let k = 1; k < known.length; k++) {
      const ch = known[k]!;
      if (ch === 'l') out.noLogInit = true;
      else if (ch === 'D' || ch === 'h') out.noUser = true;
      if (!USERADD_SHORT_WITH_VALUE.has(ch)) continue;
      valued = true;
      let v: { word: ShellWord; text: string; value: string | null };
      if (k + 1 < known.length || !whole) {
        // `-u1000`, or `-u$UID`: the value is the rest of the word.
        const head = known.slice(0, k + 1);
        v = { word, text: word.text.startsWith(head) ? word.text.slice(head.length) : word.text, value: whole ? known.slice(k + 1) : null };
      } else {
        v = next(i, word);
        i++;
      }
      if (ch === 'u') out.uid = v;
      break;
    }
    // `-$FLAGS` or `-m$X`: letters after the known part may be options.
    if (!whole && !valued) out.opaque = true;
  }
  return out;
}

/** The part of a shell word before its first quote or expansion, as the shell would read it. */
function staticPrefix(text: string): string {
  const m = /^[^$`"'\\]*/.exec(text);
  return m ? m[0] : '';
}

// ---------------------------------------------------------------------------------------------------------
// lastlog and faillog

/**
 * Bytes of one /var/log/lastlog record (glibc `struct lastlog` on x86_64: a 32-bit time, a 32-byte line and
 * a 256-byte host) and of one /var/log/faillog record (shadow's `struct faillog` on 64-bit systems).
 */
export const LASTLOG_RECORD = 292;
export const FAILLOG_RECORD = 32;

/**
 * Whether `useradd` of the base image that a stage builds on writes the new UID's lastlog and faillog entries
 * even past the end of the files (shadow before 4.13, which then grows them to (UID + 1) records):
 * - `grows`: a release known to ship such a `useradd` (Debian 11 and older, Ubuntu 22.10 and older, RHEL
 *   and its rebuilds up to 9, Amazon Linux, Fedora before 38);
 * - `fixed`: a release whose `useradd` only rewrites entries inside the files (shadow 4.13 and later: Debian
 *   12 and later, Ubuntu 23.04 and later, Fedora 38 and later, RHEL 10), or an image without the files or
 *   without shadow (Alpine, BusyBox, Wolfi, distroless, scratch);
 * - `unknown`: anything else, including images not in the catalog.
 */
export function lastlogGrowth(stage: Stage): 'grows' | 'fixed' | 'unknown' {
  let root = stage;
  for (let guard = 0; root.parent && root.parent.index < root.index && guard < 1000; guard++) root = root.parent;
  const image = root.image;
  if (!image) return 'unknown';
  const ref = parseImageRef(image);
  if (!ref || ref.unresolved) return 'unknown';
  if (ref.isScratch) return 'fixed';
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const name = ref.name.toLowerCase();
  const repository = ref.repository.toLowerCase();
  // Release names in tags decide first: `node:22-bullseye`, `buildpack-deps:jammy`, `eclipse-temurin:21-jammy`.
  // Debian's come from the one release table (also `debian:9-slim`); bookworm's shadow no longer grows the files.
  const debian = debianReleaseOfTag(tag, name === 'debian' ? 'debian' : null);
  if (debian) return debian.version <= 11 ? 'grows' : 'fixed';
  if (/(?:^|[-.])(?:trusty|xenial|bionic|focal|jammy|kinetic)(?:[-.]|$)/.test(tag)) return 'grows';
  if (/(?:^|[-.])(?:bookworm|trixie|forky|duke|sid|lunar|mantic|noble|oracular|plucky|questing|resolute)(?:[-.]|$)/.test(tag)) return 'fixed';
  const facts = lookupImage(ref);
  const distro = facts?.distro ?? null;
  if (facts && (facts.kind === 'distroless' || facts.kind === 'chainguard' || facts.kind === 'scratch')) return 'fixed';
  if (distro === 'alpine' || distro === 'busybox' || distro === 'wolfi' || distro === 'none' || distro === 'windows') return 'fixed';
  if (name === 'alpine' || name === 'busybox') return 'fixed';
  if (distro === 'debian') {
    // `debian:11`, `debian:10-slim`; other families without a release name use a current Debian.
    return 'fixed';
  }
  if (distro === 'ubuntu') {
    if (facts?.family === 'ubuntu' && /^(?:1\d|2[0-2])\.(?:04|10)(?:[.-]|$)/.test(tag)) return 'grows';
    return 'fixed';
  }
  if (name === 'fedora') {
    if (tag === 'latest' || tag === 'rawhide') return 'fixed';
    const major = /^(\d+)/.exec(tag);
    return major ? (Number(major[1]) >= 38 ? 'fixed' : 'grows') : 'unknown';
  }
  if (name === 'amazonlinux') return 'grows';
  const rhel = ['centos', 'rockylinux', 'almalinux', 'oraclelinux', 'ubi', 'ubi-minimal', 'ubi-micro', 'ubi-init'].includes(name) || distro === 'ubi' || distro === 'oraclelinux';
  if (rhel) {
    // The major release is in the tag (`rockylinux:9`, `centos:stream9`, `21-ubi9-minimal`) or the path (`ubi9/ubi`).
    const major = /(?:^|[^\d])(\d{1,2})(?:[^\d]|$)/.exec(/(?:ubi|stream|oraclelinux|el)(\d{1,2})/.exec(`${tag} ${repository}`)?.[1] ?? tag);
    if (!major) return 'unknown';
    return Number(major[1]) >= 10 ? 'fixed' : 'grows';
  }
  return 'unknown';
}
