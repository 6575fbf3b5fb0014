/**
 * Language server: start-up, latency while typing, code actions, hover and memory, against the bundled
 * server (server/out/server.js) over stdio.
 *
 *   node --import tsx bench/suites/lsp.ts [--json]      (needs the built server: npm run build:prod)
 *   env: BENCH_LSP_FILES  how many corpus files to type into, spread evenly over the corpus (default 100;
 *                         `all` for every file), 100 single-character edits each
 *        BENCH_STARTUP_RUNS  fresh servers for the start-up figure (default 7)
 *
 * The typing session opens every corpus file in one server, then types into the sample: at the end of a RUN
 * line and inside a package list, " htop" typed and deleted again, five times at each place. Each edit waits
 * for the diagnostics of its version. The session's server runs with `lintDebounceMs: 0`, so that
 * didChange → publishDiagnostics is the server's own work; a second, shorter session with the default
 * debounce checks that the delay adds nothing else.
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol/node';
import { LINT_DEBOUNCE_MS } from '../../server/src/lsp/protocol.js';
import { corpusFiles, type CorpusFile } from '../lib/corpus.js';
import { BenchClient } from '../lib/lspClient.js';
import { boostPriority, cpuOf, rssOf } from '../lib/measure.js';
import { emit, mb, ms, row, type Row } from '../lib/report.js';
import { median, nowMs, summarize } from '../lib/stats.js';

const TYPED = ' htop';
const CYCLES_PER_PLACE = 5;
const STARTUP_RUNS = Number(process.env['BENCH_STARTUP_RUNS'] ?? 7);
const MEMORY_LIMIT = 150 * 1e6;
const GROWTH_NOISE = 10 * 2 ** 20;

/** Where a user would type in this file: the end of a RUN's first line, and after a package in an install list. */
export function typingPlaces(text: string): Position[] {
  const lines = text.split(/\r?\n/);
  const places: Position[] = [];
  const runLine = lines.findIndex((l) => /^\s*RUN\s/i.test(l));
  if (runLine >= 0) {
    const l = lines[runLine]!;
    // Before a trailing continuation, so the typed text stays on the command's line.
    const m = /\s*\\?\s*$/.exec(l)!;
    places.push({ line: runLine, character: m.index });
  }
  for (let i = 0; i < lines.length; i++) {
    const install = /\b(?:apt-get|apt|apk|yum|dnf|microdnf|zypper|pip3?|npm|gem)\s+(?:-\S+\s+)*(?:install|add)\b((?:\s+-\S+)*)/.exec(lines[i]!);
    if (!install) continue;
    // A package on the same line, else the first word of the next (continued) line.
    const rest = lines[i]!.slice(install.index + install[0].length);
    const word = /^\s+([A-Za-z0-9][\w.+:=-]*)/.exec(rest);
    if (word) {
      places.push({ line: i, character: install.index + install[0].length + word[0].length });
    } else if (i + 1 < lines.length) {
      const next = /^\s*([A-Za-z0-9][\w.+:=-]*)/.exec(lines[i + 1]!);
      if (next) places.push({ line: i + 1, character: next[0].length });
    }
    break;
  }
  if (places.length === 0) {
    let last = lines.length - 1;
    while (last > 0 && lines[last]!.trim() === '') last--;
    places.push({ line: last, character: lines[last]!.length });
  }
  if (places.length === 1) places.push(places[0]!);
  return places;
}

/** The FROM image's first character on the first FROM line, for a hover over it. */
function fromImagePosition(text: string): Position | null {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*FROM\s+(?:--\S+\s+)*)\S/i.exec(lines[i]!);
    if (m) return { line: i, character: m[1]!.length + 1 };
  }
  return null;
}

function sample<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const out: T[] = [];
  for (let k = 0; k < count; k++) out.push(items[Math.floor((k * items.length) / count)]!);
  return out;
}

function overlaps(r: Range, line: number): boolean {
  return r.start.line <= line && line <= r.end.line;
}

interface Rss {
  /** As it is: median of 5 readings 100 ms apart after 300 ms idle. */
  asIs: number;
  /** Right after a full garbage collection: what the server holds on to. */
  afterGc: number;
  /** V8 heap in use after that collection. */
  heapUsed: number;
}

const pause = (msValue: number): Promise<void> => new Promise((r) => setTimeout(r, msValue));

async function readRss(client: BenchClient): Promise<Rss> {
  await pause(300);
  const samples: number[] = [];
  for (let k = 0; k < 5; k++) {
    samples.push(rssOf(client.pid));
    await pause(100);
  }
  client.collectGarbage();
  await pause(500);
  // The heap figure waits for the server's report (written once the collection is done); RSS is read after it.
  const heapUsed = await client.heapUsedAfterGc();
  return { asIs: median(samples), afterGc: rssOf(client.pid), heapUsed };
}

async function startup(file: CorpusFile): Promise<{ ready: number; init: number; cpu: number }> {
  const ready: number[] = [];
  const init: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < STARTUP_RUNS; r++) {
    const { client, initializedAt } = await BenchClient.start();
    await client.open(pathToFileURL(file.path).href, file.text);
    ready.push(nowMs() - client.spawnedAt);
    cpu.push(cpuOf(client.pid));
    init.push(initializedAt - client.spawnedAt);
    await client.stop();
  }
  return { ready: median(ready), init: median(init), cpu: median(cpu) };
}

interface Typing {
  diagnostics: number[];
  codeActions: number[];
  hovers: number[];
  rss: { open: Rss; at1k: Rss; atEnd: Rss; edits: number };
  openLint: number[];
  fixAll: number[];
  sampled: number;
}

async function typingSession(files: CorpusFile[], typedInto: CorpusFile[], debounce: number, memory: boolean): Promise<Typing> {
  const { client } = await BenchClient.start({ lintDebounceMs: debounce }, memory);
  const none = { asIs: Number.NaN, afterGc: Number.NaN, heapUsed: Number.NaN };
  const result: Typing = { diagnostics: [], codeActions: [], hovers: [], rss: { open: none, at1k: none, atEnd: none, edits: 0 }, openLint: [], fixAll: [], sampled: typedInto.length };
  try {
    for (const f of files) result.openLint.push(await client.open(pathToFileURL(f.path).href, f.text));
    if (memory) result.rss.open = await readRss(client);
    let edits = 0;
    for (const f of typedInto) {
      const uri = pathToFileURL(f.path).href;
      const from = fromImagePosition(f.text);
      for (const place of typingPlaces(f.text)) {
        for (let cycle = 0; cycle < CYCLES_PER_PLACE; cycle++) {
          for (let k = 0; k < TYPED.length; k++) {
            const at = { line: place.line, character: place.character + k };
            result.diagnostics.push(await client.change(uri, { range: { start: at, end: at }, text: TYPED[k]! }));
            edits++;
          }
          // Half-way through the cycle the cursor rests on the typed word: the editor asks for code actions
          // for the diagnostics there (else for the first diagnostic, as when the user clicks a squiggle),
          // and the user hovers the cursor's word and the FROM image.
          const cursor = { line: place.line, character: place.character + TYPED.length };
          const diags: Diagnostic[] = client.diagnostics.get(uri) ?? [];
          const here = diags.filter((d) => overlaps(d.range, cursor.line));
          const asked = here.length > 0 ? here : diags.slice(0, 1);
          if (asked.length > 0) result.codeActions.push((await client.codeActions(uri, asked[0]!.range, asked)).ms);
          result.hovers.push((await client.hover(uri, cursor)).ms);
          if (from) result.hovers.push((await client.hover(uri, from)).ms);
          for (let k = TYPED.length; k > 0; k--) {
            const start = { line: place.line, character: place.character + k - 1 };
            const end = { line: place.line, character: place.character + k };
            result.diagnostics.push(await client.change(uri, { range: { start, end }, text: '' }));
            edits++;
            if (memory && edits === 1000) result.rss.at1k = await readRss(client);
          }
        }
      }
      if (client.doc(uri).getText() !== f.text) throw new Error(`${f.path}: the edits did not restore the text`);
    }
    result.rss.edits = edits;
    if (memory) result.rss.atEnd = await readRss(client);
    // Quick fixes for up to three diagnostics, and fix-all, in every open file that has diagnostics.
    for (const f of files) {
      const uri = pathToFileURL(f.path).href;
      const diags = client.diagnostics.get(uri) ?? [];
      for (const d of diags.slice(0, 3)) result.codeActions.push((await client.codeActions(uri, d.range, [d])).ms);
      if (diags.length > 0) result.fixAll.push((await client.codeActions(uri, diags[0]!.range, [], ['source.fixAll'])).ms);
    }
  } finally {
    await client.stop();
  }
  return result;
}

async function main(): Promise<void> {
  const boost = boostPriority();
  const files = corpusFiles();
  const want = process.env['BENCH_LSP_FILES'] ?? '100';
  const typedInto = sample(files, want === 'all' ? files.length : Number(want));
  const first = [...files].sort((a, b) => a.text.length - b.text.length)[Math.floor(files.length / 2)]!;

  const start = await startup(first);
  const typing = await typingSession(files, typedInto, 0, true);
  // The same typing with the shipped debounce, on a few files: the latency beyond the debounce.
  const few = sample(typedInto, 5);
  const debounced = await typingSession(few, few, LINT_DEBOUNCE_MS, false);
  const beyond = summarize(debounced.diagnostics.map((x) => x - LINT_DEBOUNCE_MS));

  const d = summarize(typing.diagnostics);
  const c = summarize(typing.codeActions);
  const h = summarize(typing.hovers);
  const f = summarize(typing.fixAll);
  const o = summarize(typing.openLint);
  const { rss } = typing;
  const growth = rss.atEnd.heapUsed - rss.at1k.heapUsed;
  const gc = (r: Rss): string => `after a full GC: RSS ${mb(r.afterGc)}, V8 heap in use ${mb(r.heapUsed)}`;
  const area = 'Language server';
  const rows: Row[] = [
    row(area, `diagnostics after an edit, p95 (${d.n} edits in ${typing.sampled} files)`, ms(d.p95), { text: '≤ 15 ms', pass: d.p95 <= 15 }, `p50 ${ms(d.p50)}, p99 ${ms(d.p99)}, max ${ms(d.max)}`),
    row(area, `lint debounce (shipped)`, `${LINT_DEBOUNCE_MS} ms`, undefined, `with it: p95 of latency − ${LINT_DEBOUNCE_MS} ms = ${ms(beyond.p95)} (${beyond.n} edits)`),
    row(area, `code actions, p95 (${c.n} requests)`, ms(c.p95), { text: '≤ 20 ms', pass: c.p95 <= 20 }, `p50 ${ms(c.p50)}, max ${ms(c.max)}`),
    row(area, `hover, p95 (${h.n} requests)`, ms(h.p95), { text: '≤ 5 ms', pass: h.p95 <= 5 }, `p50 ${ms(h.p50)}, max ${ms(h.max)}`),
    row(area, `fix-all (source.fixAll), p95 (${f.n} files)`, ms(f.p95), undefined, `p50 ${ms(f.p50)}, max ${ms(f.max)}`),
    row(area, `first diagnostics on open, p95 (${o.n} files)`, ms(o.p95), undefined, `p50 ${ms(o.p50)}, max ${ms(o.max)}`),
    row('Memory', `server RSS, ${files.length} files open`, mb(rss.open.asIs), { text: '≤ 150 MB', pass: rss.open.asIs <= MEMORY_LIMIT }, gc(rss.open)),
    // A short run (BENCH_LSP_FILES=5: 500 edits) never reaches the 1,000-edit reading: no row for it, no growth.
    ...(rss.edits > 1000 ? [row('Memory', 'server RSS after 1,000 edits', mb(rss.at1k.asIs), { text: '≤ 150 MB', pass: rss.at1k.asIs <= MEMORY_LIMIT }, gc(rss.at1k))] : []),
    row('Memory', `server RSS after ${rss.edits.toLocaleString('en-US')} edits`, mb(rss.atEnd.asIs), { text: '≤ 150 MB', pass: rss.atEnd.asIs <= MEMORY_LIMIT }, gc(rss.atEnd)),
    ...(rss.edits > 1000
      ? [row('Memory', `heap growth, 1,000 → ${rss.edits.toLocaleString('en-US')} edits (after full GCs)`, mb(growth), { text: '≤ 10 MiB (noise)', pass: growth <= GROWTH_NOISE }, `RSS after GC: ${mb(rss.atEnd.afterGc - rss.at1k.afterGc)}`)]
      : []),
    row('Start-up', `server ready: spawn → initialize → first diagnostics (median of ${STARTUP_RUNS})`, ms(start.ready), { text: '≤ 300 ms', pass: start.ready <= 300 }, `initialize answered at ${ms(start.init)}; server CPU until ready ${ms(start.cpu)}`),
  ];
  const notes = [
    `Language server: one server with all ${files.length} corpus files open; ${typing.sampled} of them (evenly spread over the corpus${typing.sampled < files.length ? ', a sample: BENCH_LSP_FILES=all types into every file' : ''}) get ${2 * CYCLES_PER_PLACE * 2 * TYPED.length} single-character edits each (" htop" typed and deleted, ${CYCLES_PER_PLACE} times at the end of a RUN's first line and ${CYCLES_PER_PLACE} times after a package of an install list), each waiting for the diagnostics of its version, with \`initializationOptions.lintDebounceMs = 0\`. Mid-word, a code-action request for the diagnostics on the cursor's line (else the file's first diagnostic; files without diagnostics get none) and hovers over the cursor and the FROM image.`,
    `Code actions: the requests made mid-word while typing, plus quick-fix requests for up to three diagnostics of every open file that has any; fix-all (\`only: ["source.fixAll"]\`) once per file with diagnostics.`,
    `Memory: VmRSS of the server from /proc, median of 5 readings 100 ms apart after 300 ms idle; then SIGUSR2 makes the server (started with --expose-gc and the preload bench/lib/gcHook.cjs) run a full GC; 500 ms later the V8 heap in use is read from the report the server writes after that collection (waiting for it if the server is still busy), then RSS. Growth compares the heap in use after those collections (what the server keeps); RSS after a GC also holds memory V8 keeps committed for later. Start-up: a fresh server per run opening ${first.path.replace(/^.*corpus\//, '')} (the median-sized corpus file).`,
  ];
  if (boost) notes.push(`Priority: ${boost}.`);
  emit({ suite: 'lsp', rows, notes });
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
