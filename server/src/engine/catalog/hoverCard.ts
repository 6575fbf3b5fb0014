/**
 * Plain-markdown hover cards for base images (`FROM …`) and for size-related command flags.
 *
 * Everything taken from the user's Dockerfile (the image name, variable names, alternative names built from
 * them) is passed through `escapeMarkdown`; the catalog's own strings are written as markdown. The cards
 * contain no links and no command URIs. Pure module: no I/O, no editor types.
 */

import { formatImageRef, parseImageRef, type ImageRef } from './imageRef';
import { lookupImage, slimTagFor, type ImageFacts, type Libc, type SizeFigure } from './images';
import { imageSizeChange } from './imageSizes';

/**
 * Escapes text for CommonMark: every ASCII punctuation character gets a backslash (CommonMark renders
 * `\x` as `x` for all of them), and line breaks become spaces, so user text can never open markup, HTML,
 * links or code spans.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

const LIBC_LABEL: Record<Libc, string> = {
  glibc: 'glibc',
  musl: 'musl',
  uclibc: 'uClibc-ng',
  none: 'none (static binaries only)',
  windows: 'Windows (no Linux libc)',
};

const MUSL_TRAPS: readonly string[] = [
  'Threads get a 128 KiB stack by default (glibc: usually 8 MiB); deep recursion in worker threads can crash unless the stack size is raised.',
  'DNS: all nameservers are queried in parallel and the first answer wins; names with at least `ndots` dots are never retried with the search domains.',
  'DNS over TCP, needed for answers larger than 512 bytes, only works from musl 1.2.4 (Alpine 3.18) on.',
  'No `backtrace()` or `<execinfo.h>`: code that uses them does not build.',
  'iconv is minimal: no `//TRANSLIT` and fewer legacy encodings.',
  'The allocator favours low memory use over speed; allocation-heavy multithreaded programs can slow down a lot (mimalloc or jemalloc help).',
];

const MUSL_PYTHON_TRAP =
  'pip needs `musllinux` wheels; a package without them is compiled from source, which needs build-base and makes builds slower.';
const MUSL_NODE_TRAP =
  'On x86_64 this image’s Node.js is a musl build from unofficial-builds.nodejs.org, not an official Node.js release; other architectures compile it from source.';

const UCLIBC_TRAPS: readonly string[] = [
  'uClibc-ng is a small libc of its own: programs built against glibc or musl do not run here unless statically linked.',
];

const SCRATCH_TRAPS: readonly string[] = [
  'No shell: `RUN` cannot work, and `CMD`/`ENTRYPOINT` must use the exec (JSON array) form.',
  'No libc: only statically linked binaries run (for Go, `CGO_ENABLED=0`).',
  'No CA certificates: copy `/etc/ssl/certs/ca-certificates.crt` from the build stage if the program uses TLS.',
  'No `/etc/passwd`: use a numeric `USER`, e.g. `USER 65532`.',
  'No time-zone data: copy `/usr/share/zoneinfo` from the build stage or embed it (Go: `import _ "time/tzdata"`).',
];

const DISTROLESS_TRAPS: readonly string[] = [
  'No shell: `RUN` does not work, and `CMD`/`ENTRYPOINT` must use the exec (JSON array) form.',
  'No package manager: install and build in another stage, then `COPY --from` it.',
  'The `:debug` tags add a BusyBox shell at `/busybox/sh` for troubleshooting; do not ship them.',
];

const DISTROLESS_DEBUG_TRAPS: readonly string[] = [
  'A `:debug` tag: BusyBox at `/busybox/sh`, meant for troubleshooting, not for shipping.',
  'There is no `/bin/sh`: `RUN` and shell-form `CMD` need `SHELL ["/busybox/sh", "-c"]` first.',
  'No package manager: install and build in another stage, then `COPY --from` it.',
];

const NO_SHELL_TRAPS: readonly string[] = [
  'No shell: `RUN` does not work, and `CMD`/`ENTRYPOINT` must use the exec (JSON array) form.',
  'No package manager: build in another stage, then `COPY --from` it.',
];

const WINDOWS_TRAP =
  'Windows image: commands run in cmd or PowerShell (see `SHELL`), and Linux package-manager advice does not apply.';

function formatMb(mb: number): string {
  return mb >= 1 ? mb.toFixed(1) : mb.toFixed(2);
}

function sizeLine(size: SizeFigure | null): string {
  if (size === null) return 'Size: unknown (no sourced figure in the catalog)';
  if (size.mb === 0) return 'Size: empty (0 bytes)';
  const compressed = `about ${formatMb(size.mb)} MB compressed, approximate (${size.measuredImage}, ${size.platform}, ${size.date}; source: ${size.source})`;
  if (size.uncompressedMb === undefined) return `Size: ${compressed}`;
  // Both units: the one `docker images` and the measure command show first, then the download size.
  return `Size: about ${formatMb(size.uncompressedMb)} MB uncompressed, as \`docker images\` shows it (source: ${size.uncompressedSource ?? size.source}); ${compressed}`;
}

/**
 * What the `-slim` variant of the same tag saves, when the catalog has a figure for both: uncompressed when
 * both have that unit, else compressed (and said so). Null otherwise.
 */
function slimLine(ref: ImageRef, facts: ImageFacts): string | null {
  const tag = slimTagFor(ref.tag === null && ref.digest === null ? (parseImageRef(`${ref.familiarName}:latest`) ?? ref) : ref);
  if (tag === null) return null;
  const slimRef = parseImageRef(`${ref.familiarName}:${tag}`);
  const slim = slimRef ? lookupImage(slimRef) : null;
  const change = imageSizeChange(facts, slim);
  if (!change || change.bytes <= 0) return null;
  const unit = change.basis.startsWith('uncompressed') ? 'uncompressed' : 'compressed, the uncompressed difference is larger';
  return `\`-slim\` variant (${escapeMarkdown(`${ref.familiarName}:${tag}`)}): about ${formatMb(change.bytes / 1e6)} MB smaller ${unit} (an estimate: the difference of the two catalog figures)`;
}

/** Short display form of the reference; digests are cut to 12 hex digits. */
function displayName(ref: ImageRef): string {
  const full = formatImageRef(ref);
  return full.replace(/@([a-z0-9]+):([0-9a-fA-F]{12})[0-9a-fA-F]+$/, '@$1:$2…');
}

function trapsFor(facts: ImageFacts): { title: string; items: string[] } | null {
  if (facts.kind === 'scratch') return { title: 'scratch: what is missing', items: [...SCRATCH_TRAPS] };
  if (facts.kind === 'distroless') {
    return { title: 'Distroless: what is missing', items: [...(facts.hasShell ? DISTROLESS_DEBUG_TRAPS : DISTROLESS_TRAPS)] };
  }
  if (facts.libc === 'musl') {
    const items = [...MUSL_TRAPS];
    if (facts.family === 'python' || facts.family === 'alpine') items.push(MUSL_PYTHON_TRAP);
    if (facts.family === 'node') items.push(MUSL_NODE_TRAP);
    return { title: 'musl libc: what differs from glibc', items };
  }
  if (facts.libc === 'uclibc') return { title: 'uClibc-ng', items: [...UCLIBC_TRAPS] };
  if (facts.libc === 'windows') return { title: 'Windows', items: [WINDOWS_TRAP] };
  if (!facts.hasShell) return { title: 'No shell', items: [...NO_SHELL_TRAPS] };
  return null;
}

/**
 * A short markdown card for a `FROM` image: name, libc, shell, package manager, build tools, size (with date
 * and source), slimmer alternatives and the traps that come with its libc or image kind.
 * `facts` may be null for images outside the catalog; the card then says so.
 */
export function imageHoverMarkdown(ref: ImageRef, facts: ImageFacts | null): string {
  const out: string[] = [];
  const name = escapeMarkdown(displayName(ref));
  if (facts === null) {
    out.push(`**${name}**`);
    out.push('');
    if (ref.unresolved) {
      out.push(`Not known: it depends on ${ref.unresolvedVariables.map((v) => escapeMarkdown(v)).join(', ')}.`);
    } else {
      out.push('Not in the image catalog: no libc, shell or size facts.');
    }
    return out.join('\n');
  }

  out.push(`**${name}** · ${facts.familyLabel}, ${facts.variantLabel}`);
  out.push('');
  out.push(`- libc: ${LIBC_LABEL[facts.libc]}`);
  out.push(`- Shell: ${facts.hasShell ? `yes${facts.shell ? `, ${facts.shell}` : ''}` : 'no'}`);
  out.push(`- Package manager: ${facts.packageManager}`);
  out.push(`- Compilers/SDK: ${facts.isToolchain ? 'yes' : 'no'}`);
  if (facts.contents) out.push(`- Contains: ${facts.contents}`);
  out.push(`- ${sizeLine(facts.approxCompressedSize)}`);
  const slim = slimLine(ref, facts);
  if (slim) out.push(`- ${slim}`);
  if (ref.unresolved) {
    out.push(`- Depends on unset variables: ${ref.unresolvedVariables.map((v) => escapeMarkdown(v)).join(', ')}`);
  }
  for (const note of facts.notes) out.push('', note);

  if (facts.slimmerAlternatives.length > 0) {
    out.push('', '**Slimmer alternatives**', '');
    // Alternative names embed text from the Dockerfile (registry, version); the notes are the catalog's own.
    for (const alt of facts.slimmerAlternatives) out.push(`- ${escapeMarkdown(alt.image)}: ${alt.note}`);
  }

  const traps = trapsFor(facts);
  if (traps) {
    out.push('', `**${traps.title}**`, '');
    for (const item of traps.items) out.push(`- ${item}`);
  }
  return out.join('\n');
}

/* ------------------------------------------------------------------------------------------------------ */
/* Flags                                                                                                  */
/* ------------------------------------------------------------------------------------------------------ */

interface FlagDoc {
  readonly tools: readonly string[];
  readonly flag: RegExp;
  readonly title: string;
  readonly text: string;
}

const FLAG_DOCS: readonly FlagDoc[] = [
  {
    tools: ['apk'],
    flag: /^--no-cache$/,
    title: 'apk --no-cache',
    text: 'Reads the package index into memory for this command only and keeps nothing in `/var/cache/apk`, so no index or package cache stays in the layer. It replaces `apk update` followed by cache cleanup.',
  },
  {
    tools: ['apk'],
    flag: /^(?:--virtual|-t)(?:=.*)?$/,
    title: 'apk --virtual',
    text: 'Records the packages being added under one made-up name, so a later `apk del <name>` removes them all. Delete them in the same `RUN`, or their files stay in the layer.',
  },
  {
    tools: ['apt-get', 'apt'],
    flag: /^--no-install-recommends$/,
    title: 'apt-get --no-install-recommends',
    text: 'Installs hard dependencies only and skips packages marked as Recommends. On a Debian bookworm-slim base, installing curl added 35.5 MB with recommends and 32.0 MB without (measured with buildah).',
  },
  {
    tools: ['apt-get', 'apt'],
    flag: /^(?:--yes|--assume-yes|-[a-z]*y[a-z]*)$/,
    title: 'apt-get -y',
    text: 'Answers yes to confirmation prompts, so a build never stops waiting for input. It does not change what is installed.',
  },
  {
    tools: ['yum', 'dnf', 'microdnf'],
    flag: /^(?:--setopt=)?install_weak_deps=(?:false|0|no)$/i,
    title: '--setopt=install_weak_deps=False',
    text: 'Skips weak dependencies (Recommends and Supplements), the RPM counterpart of apt’s `--no-install-recommends`. Old yum 3 (CentOS 7) never installs weak dependencies anyway.',
  },
  {
    tools: ['yum', 'dnf', 'microdnf'],
    flag: /^(?:--setopt=)?tsflags=nodocs$/i,
    title: '--setopt=tsflags=nodocs',
    text: 'Leaves out files that packages mark as documentation (man pages, `/usr/share/doc`), so they never reach the layer.',
  },
  {
    tools: ['yum', 'dnf'],
    flag: /^(?:--assumeyes|-[a-z]*y[a-z]*)$/,
    title: 'yum/dnf -y',
    text: 'Answers yes to confirmation prompts, so a build never stops waiting for input. It does not change what is installed.',
  },
  {
    tools: ['microdnf'],
    flag: /^--nodocs$/,
    title: 'microdnf --nodocs',
    text: 'microdnf’s switch for leaving out documentation files of the packages it installs.',
  },
  {
    tools: ['zypper'],
    flag: /^--no-recommends$/,
    title: 'zypper --no-recommends',
    text: 'Installs required packages only. zypper installs recommended packages by default.',
  },
  {
    tools: ['pip'],
    flag: /^--no-cache-dir$/,
    title: 'pip --no-cache-dir',
    text: 'Turns off pip’s download and wheel cache (`~/.cache/pip`), which otherwise keeps a second copy of every package in the layer. `ENV PIP_NO_CACHE_DIR=1` does the same for the whole stage.',
  },
  {
    tools: ['npm'],
    flag: /^--omit=dev$/,
    title: 'npm --omit=dev',
    text: 'Leaves devDependencies out, so test and build tools stay out of the runtime image (it replaces the older `--production`). For an Express app with a TypeScript dev dependency, the install layer went from 44 MB to 17 MB (measured).',
  },
  {
    tools: ['useradd'],
    flag: /^(?:--no-log-init|-[mMNrU]*l[mMNrU]*)$/,
    title: 'useradd -l (--no-log-init)',
    text: 'Does not add the user to the lastlog and faillog files. Those files are indexed by UID, so a large UID creates a huge sparse file that the image stores in full (hadolint DL3046).',
  },
];

/** Canonical tool name: basename, `pip3`/`pip3.12` → `pip`. */
function normaliseTool(tool: string): string {
  const base = tool.trim().split('/').pop() ?? '';
  if (/^pip\d*(?:\.\d+)?$/.test(base)) return 'pip';
  return base;
}

/**
 * A one- or two-sentence markdown note for a size-related flag of a package manager or `useradd`,
 * or null when the flag is not documented here. `tool` may be a path (`/usr/bin/apt-get`).
 */
export function flagHoverMarkdown(tool: string, flag: string): string | null {
  const t = normaliseTool(tool);
  const f = flag.trim();
  for (const doc of FLAG_DOCS) {
    if (doc.tools.includes(t) && doc.flag.test(f)) return `**${doc.title}**\n\n${doc.text}`;
  }
  return null;
}
