// Writes server/src/engine/catalog/debianPackages.generated.ts: the Debian package facts that size estimates
// need (Installed-Size, Depends + Pre-Depends, Recommends, virtual packages resolved through Provides), for
// bookworm and trixie, main, amd64.
//
//   npx tsx scripts/generate-debian-packages.ts            # download the indexes (once) and write the data
//   npx tsx scripts/generate-debian-packages.ts --check    # fail when the data differs from the cached indexes
//
// The indexes are what `apt-get update` downloads: <mirror>/dists/<suite>/main/binary-amd64/Packages.xz
// (mirror: $DEBIAN_MIRROR, default http://deb.debian.org/debian). They are cached in .cache/debian/ with the
// suite's Release file and Contents-{amd64,all}.gz (file names per package); the output records each index's SHA-256 and Release date, and the same indexes always
// give the same output byte for byte. Delete .cache/debian/ to move to newer indexes.
//
// Only packages reachable from the seed lists (scripts/debian-packages/*.txt: names seen after `apt-get install`
// in real Dockerfiles, plus common ones) through Depends, Pre-Depends and Recommends are kept: the whole index
// would not fit the extension's size budget. Names outside that set get no estimate.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const cacheDir = join(root, '.cache', 'debian');
const outPath = join(root, 'server', 'src', 'engine', 'catalog', 'debianPackages.generated.ts');
const mirror = (process.env['DEBIAN_MIRROR'] ?? 'http://deb.debian.org/debian').replace(/\/$/, '');
const SUITES = ['bookworm', 'trixie'] as const;

interface Stanza {
  name: string;
  size: number;
  section: string;
  priority: string;
  depends: string[][];
  recommends: string[][];
  provides: string[];
}

function download(url: string, file: string): void {
  if (existsSync(file)) return;
  mkdirSync(cacheDir, { recursive: true });
  execFileSync('curl', ['-fsSL', '--retry', '3', '-o', file, url], { stdio: 'inherit' });
}

/** `a (>= 1) | b:any, c` → [['a', 'b'], ['c']]: version constraints and architecture qualifiers dropped. */
function relations(value: string | undefined): string[][] {
  if (!value) return [];
  return value
    .split(',')
    .map((group) => group.split('|').map((alt) => alt.trim().replace(/\s*\(.*?\)/, '').replace(/\s*\[.*?\]/, '').replace(/:\w+$/, '').trim()).filter((n) => n !== ''))
    .filter((g) => g.length > 0);
}

function parse(text: string): Map<string, Stanza> {
  const out = new Map<string, Stanza>();
  for (const block of text.split(/\n\n+/)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of block.split('\n')) {
      if (/^\s/.test(line)) {
        if (last) fields.set(last, `${fields.get(last)} ${line.trim()}`);
        continue;
      }
      const i = line.indexOf(':');
      if (i < 0) continue;
      last = line.slice(0, i);
      fields.set(last, line.slice(i + 1).trim());
    }
    const name = fields.get('Package');
    if (!name) continue;
    // One stanza per package and architecture in main/binary-amd64 (the `all` packages included); keep the first.
    if (out.has(name)) continue;
    out.set(name, {
      name,
      size: Number(fields.get('Installed-Size') ?? 0),
      section: (fields.get('Section') ?? '').replace(/^.*\//, ''),
      priority: fields.get('Priority') ?? '',
      depends: [...relations(fields.get('Pre-Depends')), ...relations(fields.get('Depends'))],
      recommends: relations(fields.get('Recommends')),
      provides: relations(fields.get('Provides')).flat(),
    });
  }
  return out;
}

/**
 * Recommends that a build or a download needs, derived from the index rather than listed by hand:
 * - a build tool recommends another build tool or headers (Section `devel` recommending `devel`/`libdevel`:
 *   `cmake` → `gcc`, `make`; `gcc-12` → `libc6-dev`): without them the tool cannot build anything;
 * - anything recommending `ca-certificates` (`libcurl4`, `wget`, `git`): without it every HTTPS connection
 *   fails certificate verification.
 */
function loadBearing(from: Stanza, to: Stanza): boolean {
  if (to.name === 'ca-certificates') return true;
  return from.section === 'devel' && (to.section === 'devel' || to.section === 'libdevel');
}

/**
 * Mean size of one file in the directories the `-slim` images keep out (dpkg `path-exclude` in
 * /etc/dpkg/dpkg.cfg.d/docker, written by debuerreotype-slimify): measured once, on 2026-12-07, over the files
 * of the 789 packages installed on the Debian 12 machine this generator was first run on (`find … | stat`).
 * The indexes give file names per package (Contents-*.gz) but no file sizes.
 */
const MEAN_FILE_BYTES = { locale: 54_429, man: 1_738, doc: 26_575, info: 48_856 } as const;
/**
 * Debian byte-compiles Python modules when it installs them (py3compile in the postinst): the `.pyc` files
 * are not in Installed-Size. Mean `.pyc` per `.py` under /usr/lib/python3* on the same machine: 15,283 bytes
 * (2,165 files).
 */
const PYC_BYTES = 15_283;

/**
 * From the Contents indexes, per kept package: the estimated bytes of its files that `-slim` images leave
 * out, and of the `.pyc` files its install writes.
 */
function fileEstimates(suite: string, keep: ReadonlySet<string>): { excluded: Map<string, number>; pyc: Map<string, number> } {
  const out = new Map<string, number>();
  const pyc = new Map<string, number>();
  for (const part of ['amd64', 'all']) {
    const file = join(cacheDir, `${suite}-main-Contents-${part}.gz`);
    download(`${mirror}/dists/${suite}/main/Contents-${part}.gz`, file);
    // The indexes are too big for one string: zcat and awk count the files per (kind, packages) first.
    const awk = [
      '$1 ~ /^usr\\/lib\\/python3[^\\/]*\\/.*\\.py$/ { n["pyc\\t" $NF]++; next }',
      '$1 ~ /^usr\\/share\\/(doc|man|info|locale)\\// {',
      '  split($1, p, "/"); kind = p[3];',
      '  if (kind == "doc" && $1 ~ /^usr\\/share\\/doc\\/[^\\/]+\\/copyright$/) next;',
      '  if (kind == "locale" && $1 ~ /^usr\\/share\\/locale\\/(all_languages|currency\\/|l10n\\/|languages$|locale\\.alias$)/) next;',
      '  n[kind "\\t" $NF]++',
      '}',
      'END { for (k in n) print k "\\t" n[k] }',
    ].join('\n');
    const counts = execFileSync('sh', ['-c', `gzip -dc "$0" | awk "$1"`, file, awk], { maxBuffer: 1 << 28 }).toString('utf8');
    for (const line of counts.split('\n').sort()) {
      const [kind, pkgs, count] = line.split('\t');
      if (!kind || !pkgs || !count) continue;
      for (const q of pkgs.split(',')) {
        const pkg = q.slice(q.lastIndexOf('/') + 1);
        if (!keep.has(pkg)) continue;
        if (kind === 'pyc') pyc.set(pkg, (pyc.get(pkg) ?? 0) + Number(count) * PYC_BYTES);
        else if (kind in MEAN_FILE_BYTES) out.set(pkg, (out.get(pkg) ?? 0) + Number(count) * MEAN_FILE_BYTES[kind as keyof typeof MEAN_FILE_BYTES]);
      }
    }
  }
  return { excluded: out, pyc };
}

function seeds(): string[] {
  const dir = join(root, 'scripts', 'debian-packages');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => !l.startsWith('#'))
    .flatMap((l) => l.split(/\s+/))
    .filter((n) => n !== '');
}

function suiteData(suite: string): string {
  const indexFile = join(cacheDir, `${suite}-main-amd64-Packages.xz`);
  const releaseFile = join(cacheDir, `${suite}-Release`);
  download(`${mirror}/dists/${suite}/main/binary-amd64/Packages.xz`, indexFile);
  download(`${mirror}/dists/${suite}/Release`, releaseFile);
  const xz = readFileSync(indexFile);
  const sha256 = createHash('sha256').update(xz).digest('hex');
  const release = readFileSync(releaseFile, 'utf8');
  const version = /^Version:\s*(.+)$/m.exec(release)?.[1] ?? '';
  const date = /^Date:\s*(.+)$/m.exec(release)?.[1] ?? '';
  const all = parse(execFileSync('xz', ['-dc'], { input: xz, maxBuffer: 1 << 30 }).toString('utf8'));

  const providers = new Map<string, string[]>();
  for (const s of all.values()) for (const p of s.provides) providers.set(p, [...(providers.get(p) ?? []), s.name]);
  for (const list of providers.values()) list.sort();
  /** A relation's alternatives as real package names: a virtual name becomes its providers. */
  const resolve = (group: string[]): string[] => [...new Set(group.flatMap((n) => (all.has(n) ? [n] : (providers.get(n) ?? []))))];

  const keep = new Set<string>();
  const queue = seeds().flatMap((n) => resolve([n]));
  while (queue.length > 0) {
    const n = queue.pop()!;
    // `vsce package` refuses an extension whose text looks like a Slack app token (`xapp-…`), as the names
    // of Linux Mint's XApp packages do: those are left out (an install needing them gets no estimate).
    if (keep.has(n) || /^xapp-/.test(n)) continue;
    keep.add(n);
    const s = all.get(n)!;
    for (const g of [...s.depends, ...s.recommends]) queue.push(...resolve(g));
  }
  // What `debootstrap --variant=minbase` installs, the start of the official debian images (and so of most
  // images built on them): the `required` packages and apt, with everything they depend on.
  const minbase = new Set<string>();
  // debootstrap merges /usr itself and installs usr-is-merged (not usrmerge, the first alternative).
  const todo = [...[...all.values()].filter((s) => s.priority === 'required').map((s) => s.name), 'apt', ...(all.has('usr-is-merged') ? ['usr-is-merged'] : [])];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (minbase.has(n)) continue;
    minbase.add(n);
    for (const g of all.get(n)!.depends) {
      const alts = resolve(g);
      if (!alts.some((a) => minbase.has(a)) && alts[0] !== undefined) todo.push(alts[0]);
    }
  }
  const names = [...keep].sort();
  const index = new Map(names.map((n, i) => [n, i.toString(36)]));
  const { excluded, pyc } = fileEstimates(suite, keep);
  const ref = (g: string[]): string => resolve(g).filter((n) => index.has(n)).map((n) => index.get(n)!).join('|');
  const lines = names.map((n) => {
    const s = all.get(n)!;
    const recs = s.recommends.map((g) => resolve(g).filter((r) => index.has(r))).filter((g) => g.length > 0);
    const lb = recs.flatMap((g) => g.filter((r) => loadBearing(s, all.get(r)!)).slice(0, 1)).map((r) => index.get(r)!);
    // Never more than the package's own size (the means are rough).
    const slimKib = Math.min(s.size, Math.round((excluded.get(n) ?? 0) / 1024));
    const pycKib = Math.round((pyc.get(n) ?? 0) / 1024);
    const fields = [n, s.size.toString(36), s.depends.map(ref).filter((g) => g !== '').join(','), recs.map(ref).join(','), lb.join(','), slimKib ? slimKib.toString(36) : '', pycKib ? pycKib.toString(36) : ''];
    return fields.join(';').replace(/;+$/, '');
  });
  // Virtual names a user may install directly, each with its providers.
  const virtuals = [...providers.entries()]
    .filter(([v]) => !all.has(v))
    .map(([v, ps]) => [v, ps.filter((p) => keep.has(p))] as const)
    .filter(([, ps]) => ps.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([v, ps]) => `${v};${ps.map((p) => index.get(p)!).join('|')}`);
  return [
    `  ${suite}: {`,
    `    release: ${JSON.stringify(version)},`,
    `    date: ${JSON.stringify(date)},`,
    `    index: ${JSON.stringify(`${mirror}/dists/${suite}/main/binary-amd64/Packages.xz`)},`,
    `    sha256: ${JSON.stringify(sha256)},`,
    `    packagesInIndex: ${all.size},`,
    `    packages: ${JSON.stringify(lines.join('\n'))},`,
    `    virtuals: ${JSON.stringify(virtuals.join('\n'))},`,
    `    minbase: ${JSON.stringify([...minbase].sort().join(' '))},`,
    '  },',
  ].join('\n');
}

function main(): void {
  const header = [
    '// Generated by scripts/generate-debian-packages.ts from Debian package indexes (main, amd64). Do not edit.',
    '// `packages`: one line per package, `name;installed size in KiB (base 36);depends;recommends;load-bearing recommends;',
    '// KiB left out by -slim images (docs, man pages, translations); KiB of .pyc files written at install` (the last two',
    '// estimated from file counts in the Contents index).',
    '// A relation is a comma-separated list of groups, a group `|`-separated alternatives, each a line number (base 36).',
    '// `virtuals`: `virtual name;providers`. Sizes are Debian\'s Installed-Size (KiB, 1024 bytes).',
    '',
    'export interface DebianSuiteData {',
    '  readonly release: string;',
    '  readonly date: string;',
    '  readonly index: string;',
    '  readonly sha256: string;',
    '  readonly packagesInIndex: number;',
    '  readonly packages: string;',
    '  readonly virtuals: string;',
    '  /** Space-separated: what debootstrap --variant=minbase installs (Priority: required, apt, their Depends). */',
    '  readonly minbase: string;',
    '}',
    '',
    'export const DEBIAN_SUITES: Readonly<Record<\'bookworm\' | \'trixie\', DebianSuiteData>> = {',
  ];
  const text = `${[...header, ...SUITES.map(suiteData), '};'].join('\n')}\n`;
  if (process.argv.includes('--check')) {
    if (!existsSync(outPath) || readFileSync(outPath, 'utf8') !== text) {
      console.error(`${outPath} differs from what the cached indexes give.`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(outPath, text);
  console.log(`wrote ${outPath} (${text.length.toLocaleString('en-US')} characters)`);
}

main();
