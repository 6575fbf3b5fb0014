/**
 * Plain-markdown hover cards for base images (`FROM …`) and for size-related command flags.
 *
 * Everything taken from the user's Dockerfile (the image name, variable names, alternative names built from
 * them) is passed through `escapeMarkdown`; the catalog's own strings are written as markdown. The cards
 * contain no links and no command URIs. Pure module: no I/O, no editor types.
 */

import { formatImageRef, parseImageRef, type ImageRef } from './imageRef';
import { lookupImage, slimTagFor, type ImageFacts, type Libc, type SizeFigure } from './images';
import { imageText } from './imageNotes';
import { imageSizeChange } from './imageSizes';
import { HOVER_MESSAGES, type HoverKey } from './hoverMessages';
import { translator, type Locale, type Translate } from '../i18n/locale';

/**
 * Escapes text for CommonMark: every ASCII punctuation character gets a backslash (CommonMark renders
 * `\x` as `x` for all of them), and line breaks become spaces, so user text can never open markup, HTML,
 * links or code spans.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

type T = Translate<HoverKey>;

function libcLabel(libc: Libc, t: T): string {
  if (libc === 'none') return t('libcNone');
  if (libc === 'windows') return t('libcWindows');
  return libc === 'uclibc' ? 'uClibc-ng' : libc;
}

const MUSL_TRAPS: readonly HoverKey[] = ['muslStack', 'muslDns', 'muslTcp', 'muslBacktrace', 'muslIconv', 'muslMalloc'];
const SCRATCH_TRAPS: readonly HoverKey[] = ['scratchShell', 'scratchLibc', 'scratchCerts', 'scratchPasswd', 'scratchTz'];
const DISTROLESS_TRAPS: readonly HoverKey[] = ['noShellRun', 'noPackageManagerInstall', 'distrolessDebugTags'];
const DISTROLESS_DEBUG_TRAPS: readonly HoverKey[] = ['distrolessDebug', 'distrolessDebugShell', 'noPackageManagerInstall'];
const NO_SHELL_TRAPS: readonly HoverKey[] = ['noShellRun', 'noPackageManagerBuild'];

function formatMb(mb: number): string {
  return mb >= 1 ? mb.toFixed(1) : mb.toFixed(2);
}

function sizeLine(size: SizeFigure | null, t: T): string {
  if (size === null) return t('sizeUnknown');
  if (size.mb === 0) return t('sizeEmpty');
  const compressed = t('compressed', { mb: formatMb(size.mb), image: size.measuredImage, platform: size.platform, date: size.date, source: size.source });
  if (size.uncompressedMb === undefined) return t('size', { compressed });
  // Both units: the one `docker images` and the measure command show first, then the download size.
  return t('sizeBoth', { mb: formatMb(size.uncompressedMb), source: size.uncompressedSource ?? size.source, compressed });
}

/**
 * What the `-slim` variant of the same tag saves, when the catalog has a figure for both: uncompressed when
 * both have that unit, else compressed (and said so). Null otherwise.
 */
function slimLine(ref: ImageRef, facts: ImageFacts, t: T): string | null {
  const slim = slimChange(ref, facts);
  if (!slim) return null;
  return t(slim.uncompressed ? 'slimUncompressed' : 'slimCompressed', { image: escapeMarkdown(slim.image), mb: formatMb(slim.bytes / 1e6) });
}

/** The `-slim` variant of the same tag and what it saves, when the catalog has a figure for both. */
function slimChange(ref: ImageRef, facts: ImageFacts): { image: string; bytes: number; uncompressed: boolean } | null {
  const tag = slimTagFor(ref.tag === null && ref.digest === null ? (parseImageRef(`${ref.familiarName}:latest`) ?? ref) : ref);
  if (tag === null) return null;
  const slimRef = parseImageRef(`${ref.familiarName}:${tag}`);
  const slim = slimRef ? lookupImage(slimRef) : null;
  const change = imageSizeChange(facts, slim);
  if (!change || change.bytes <= 0) return null;
  return { image: `${ref.familiarName}:${tag}`, bytes: change.bytes, uncompressed: change.basis.key === 'imageSizeDifference' };
}

function summarySize(size: SizeFigure | null, t: T): string | null {
  if (size === null) return null;
  if (size.mb === 0) return t('summarySizeEmpty');
  return size.uncompressedMb !== undefined ? t('summarySize', { mb: formatMb(size.uncompressedMb) }) : t('summarySizeCompressed', { mb: formatMb(size.mb) });
}

/**
 * The card's first lines, to read at a glance: name and kind; C library · shell · package manager · size; the
 * best smaller image (the `-slim` variant of the same tag with what it saves, else the first alternative).
 * Lines end in a backslash: a Markdown line break.
 */
function summaryLines(name: string, ref: ImageRef, facts: ImageFacts, t: T): string[] {
  const parts = [
    libcLabel(facts.libc, t),
    facts.hasShell ? (facts.shell ?? 'sh') : t('summaryNoShell'),
    facts.packageManager === 'none' ? t('summaryNoPackageManager') : facts.packageManager,
  ];
  const size = summarySize(facts.approxCompressedSize, t);
  if (size) parts.push(size);
  const lines = [`**${name}** · ${facts.familyLabel}, ${facts.variantLabel}`, parts.join(' · ')];
  const slim = slimChange(ref, facts);
  const alt = facts.slimmerAlternatives[0];
  if (slim) lines.push(t('summarySlim', { image: `\`${slim.image}\``, mb: formatMb(slim.bytes / 1e6) }));
  else if (alt) lines.push(t('summaryAlternative', { image: `\`${alt.image.replace(/`/g, '')}\`` }));
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}\\` : l));
}

/** Short display form of the reference; digests are cut to 12 hex digits. */
function displayName(ref: ImageRef): string {
  const full = formatImageRef(ref);
  return full.replace(/@([a-z0-9]+):([0-9a-fA-F]{12})[0-9a-fA-F]+$/, '@$1:$2…');
}

function trapsFor(facts: ImageFacts): { title: HoverKey; items: HoverKey[] } | null {
  if (facts.kind === 'scratch') return { title: 'scratchTitle', items: [...SCRATCH_TRAPS] };
  if (facts.kind === 'distroless') {
    return { title: 'distrolessTitle', items: [...(facts.hasShell ? DISTROLESS_DEBUG_TRAPS : DISTROLESS_TRAPS)] };
  }
  if (facts.libc === 'musl') {
    const items = [...MUSL_TRAPS];
    if (facts.family === 'python' || facts.family === 'alpine') items.push('muslPython');
    if (facts.family === 'node') items.push('muslNode');
    return { title: 'muslTitle', items };
  }
  if (facts.libc === 'uclibc') return { title: 'uclibcTitle', items: ['uclibc'] };
  if (facts.libc === 'windows') return { title: 'windowsTitle', items: ['windows'] };
  if (!facts.hasShell) return { title: 'noShellTitle', items: [...NO_SHELL_TRAPS] };
  return null;
}

/**
 * A short markdown card for a `FROM` image: name, libc, shell, package manager, build tools, size (with date
 * and source), slimmer alternatives and the traps that come with its libc or image kind.
 * `facts` may be null for images outside the catalog; the card then says so.
 */
export function imageHoverMarkdown(ref: ImageRef, facts: ImageFacts | null, locale: Locale = 'en'): string {
  const t = translator(HOVER_MESSAGES, locale);
  const out: string[] = [];
  const name = escapeMarkdown(displayName(ref));
  if (facts === null) {
    out.push(`**${name}**`);
    out.push('');
    if (ref.unresolved) {
      out.push(t('notKnownVars', { vars: ref.unresolvedVariables.map((v) => escapeMarkdown(v)).join(', ') }));
    } else {
      out.push(t('notInCatalog'));
    }
    return out.join('\n');
  }

  // A summary to read at a glance, then the details with their sources.
  out.push(...summaryLines(name, ref, facts, t));
  out.push('', '---', '');
  out.push(t('libc', { value: libcLabel(facts.libc, t) }));
  out.push(t('shell', { value: facts.hasShell ? (facts.shell ? t('yesShell', { shell: facts.shell }) : t('yes')) : t('no') }));
  out.push(t('packageManager', { value: facts.packageManager }));
  out.push(t('toolchain', { value: facts.isToolchain ? t('yes') : t('no') }));
  if (facts.contents) out.push(t('contains', { value: imageText(facts.family, facts.contents, locale) }));
  out.push(`- ${sizeLine(facts.approxCompressedSize, t)}`);
  const slim = slimLine(ref, facts, t);
  if (slim) out.push(`- ${slim}`);
  if (ref.unresolved) {
    out.push(t('unsetVars', { vars: ref.unresolvedVariables.map((v) => escapeMarkdown(v)).join(', ') }));
  }
  for (const note of facts.notes) out.push('', imageText(facts.family, note, locale));

  if (facts.slimmerAlternatives.length > 0) {
    out.push('', t('alternatives'), '');
    // Alternative names embed text from the Dockerfile (registry, version); the notes are the catalog's own.
    for (const alt of facts.slimmerAlternatives) out.push(`- ${escapeMarkdown(alt.image)}: ${imageText(facts.family, alt.note, locale)}`);
  }

  const traps = trapsFor(facts);
  if (traps) {
    out.push('', `**${t(traps.title)}**`, '');
    for (const item of traps.items) out.push(`- ${t(item)}`);
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
  readonly text: HoverKey;
}

const FLAG_DOCS: readonly FlagDoc[] = [
  {
    tools: ['apk'],
    flag: /^--no-cache$/,
    title: 'apk --no-cache',
    text: 'apkNoCache',
  },
  {
    tools: ['apk'],
    flag: /^(?:--virtual|-t)(?:=.*)?$/,
    title: 'apk --virtual',
    text: 'apkVirtual',
  },
  {
    tools: ['apt-get', 'apt'],
    flag: /^--no-install-recommends$/,
    title: 'apt-get --no-install-recommends',
    text: 'aptNoRecommends',
  },
  {
    tools: ['apt-get', 'apt'],
    flag: /^(?:--yes|--assume-yes|-[a-z]*y[a-z]*)$/,
    title: 'apt-get -y',
    text: 'assumeYes',
  },
  {
    tools: ['yum', 'dnf', 'microdnf'],
    flag: /^(?:--setopt=)?install_weak_deps=(?:false|0|no)$/i,
    title: '--setopt=install_weak_deps=False',
    text: 'rpmWeakDeps',
  },
  {
    tools: ['yum', 'dnf', 'microdnf'],
    flag: /^(?:--setopt=)?tsflags=nodocs$/i,
    title: '--setopt=tsflags=nodocs',
    text: 'rpmNodocs',
  },
  {
    tools: ['yum', 'dnf'],
    flag: /^(?:--assumeyes|-[a-z]*y[a-z]*)$/,
    title: 'yum/dnf -y',
    text: 'assumeYes',
  },
  {
    tools: ['microdnf'],
    flag: /^--nodocs$/,
    title: 'microdnf --nodocs',
    text: 'microdnfNodocs',
  },
  {
    tools: ['zypper'],
    flag: /^--no-recommends$/,
    title: 'zypper --no-recommends',
    text: 'zypperNoRecommends',
  },
  {
    tools: ['pip'],
    flag: /^--no-cache-dir$/,
    title: 'pip --no-cache-dir',
    text: 'pipNoCacheDir',
  },
  {
    tools: ['npm'],
    flag: /^--omit=dev$/,
    title: 'npm --omit=dev',
    text: 'npmOmitDev',
  },
  {
    tools: ['useradd'],
    flag: /^(?:--no-log-init|-[mMNrU]*l[mMNrU]*)$/,
    title: 'useradd -l (--no-log-init)',
    text: 'useraddNoLogInit',
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
export function flagHoverMarkdown(tool: string, flag: string, locale: Locale = 'en'): string | null {
  const t = normaliseTool(tool);
  const f = flag.trim();
  for (const doc of FLAG_DOCS) {
    if (doc.tools.includes(t) && doc.flag.test(f)) return `**${doc.title}**\n\n${translator(HOVER_MESSAGES, locale)(doc.text)}`;
  }
  return null;
}
