/**
 * Scaling: generated 5,000- and 50,000-line Dockerfiles (bench/lib/generate.ts), linted with every rule on.
 * Median of BENCH_SCALING_RUNS runs (default 7; half as many, at least 3, for the long file) after
 * BENCH_SCALING_WARMUP from-scratch lints of the short file (and as many edits of it before the edit rows; default 10: V8 goes on optimising the engine's
 * code over the first lints of a file this long, each slower than the last; with only two, the medians
 * measured that warm-up, and the long file, linted after more of it, came out less than 10× slower). "From scratch" clears the shell-parse cache before each run; "after an edit" re-lints with one
 * character changed in a RUN, the other RUNs' parses cached and the model of the version before given to
 * `analyze` (as the language server's analysis cache does: its unchanged instructions are not parsed again). The exponent of growth is
 * log(t50k / t5k) / log(10): 1 means linear. The process sets the language server's V8 flags
 * (server/src/lsp/v8flags.ts: a young generation that does not grow, an earlier full collection), as these
 * rows stand for the server's latency on a long file.
 *
 *   node --import tsx bench/suites/scaling.ts [--json]
 */
import { allRulesOn, loadBundledEngine } from '../lib/bundle.js';
import { generateDockerfile } from '../lib/generate.js';
import { boostPriority } from '../lib/measure.js';
import { emit, ms, row } from '../lib/report.js';
import { median, nowMs } from '../lib/stats.js';
import { SERVER_V8_FLAGS, setServerV8Flags } from '../../server/src/lsp/v8flags.js';

setServerV8Flags();

const RUNS = Number(process.env['BENCH_SCALING_RUNS'] ?? 7);
const WARMUP = Number(process.env['BENCH_SCALING_WARMUP'] ?? 10);
const { allRules, analyze, loadEngine, resetCaches } = loadBundledEngine();

/** Median wall time and median CPU time (this process, user + system) of one lint. */
function time(text: string, runs: number, fresh: boolean): { ms: number; cpuMs: number; findings: number } {
  const rules = allRulesOn(allRules);
  let findings = 0;
  const samples: number[] = [];
  const cpu: number[] = [];
  // The edit: one more character in the middle RUN's first line (a new text each run, so it is never cached).
  const lines = text.split('\n');
  const runLines = lines.map((l, i) => (l.startsWith('RUN ') ? i : -1)).filter((i) => i >= 0);
  const target = runLines[Math.floor(runLines.length / 2)]!;
  // The model of the version linted last, for the next one (after an edit only).
  let previous: ReturnType<typeof analyze>['model'] = null;
  for (let r = 0; r < runs; r++) {
    let input = text;
    if (fresh) resetCaches();
    else {
      previous = analyze(text, { rules }, undefined, previous).model;
      const edited = [...lines];
      edited[target] = `${edited[target]!.replace(/ \\$/, '')}${'x'.repeat(r + 1)}${edited[target]!.endsWith(' \\') ? ' \\' : ''}`;
      input = edited.join('\n');
    }
    const start = nowMs();
    const cpuStart = process.cpuUsage();
    const analysis: ReturnType<typeof analyze> = fresh ? analyze(input, { rules }) : analyze(input, { rules }, undefined, previous);
    findings = analysis.findings.length;
    const used = process.cpuUsage(cpuStart);
    samples.push(nowMs() - start);
    cpu.push((used.user + used.system) / 1000);
    if (!fresh) previous = analysis.model;
  }
  return { ms: median(samples), cpuMs: median(cpu), findings };
}

async function main(): Promise<void> {
  const boost = boostPriority();
  await loadEngine();
  const small = generateDockerfile(5_000);
  const large = generateDockerfile(50_000);
  time(small, WARMUP, true); // warm-up: JIT, grammar
  const longRuns = Math.max(3, Math.ceil(RUNS / 2));
  const s = time(small, RUNS, true);
  const l = time(large, longRuns, true);
  // The edit path (incremental parse, moved RUNs) has code of its own, which V8 optimises over the first
  // edits as it did the rest over the warm-up lints: the first edit is reported on its own, then the edit row
  // measures typing once it is under way (as in the editor after a few keystrokes).
  const first = time(small, 1, false);
  time(small, WARMUP, false);
  const se = time(small, RUNS, false);
  const le = time(large, longRuns, false);
  const exponent = Math.log(l.ms / s.ms) / Math.log(10);
  const exponentEdit = Math.log(le.ms / se.ms) / Math.log(10);
  const area = 'Scaling';
  const notes = [
    `Scaling: generated files (5 stages, each FROM the previous one so that all ship; 19-line blocks of apt/pip/curl RUNs, ENV, COPY, LABEL, EXPOSE, USER; no RUN text repeats; every third block with findings); "after an edit" gives \`analyze\` the model of the version before, as the language server does; median of ${RUNS} runs (5k) and ${longRuns} runs (50k) after ${WARMUP} warm-up lints of the 5k file (and, for "after an edit", ${WARMUP} warm-up edits of it after the first one, which is reported apart); ${s.findings} and ${l.findings} findings. The budgets are on wall time; CPU is the process's user + system time over the same lint (it also counts V8's helper threads, e.g. the garbage collector's), which other jobs on the machine do not inflate the way they inflate wall time. V8 flags as in the language server: ${SERVER_V8_FLAGS.map((f) => `\`${f}\``).join(' ')}.`,
  ];
  if (boost) notes.push(`Priority: ${boost}.`);
  emit({
    suite: 'scaling',
    rows: [
      row(area, `5,000 lines (${(small.length / 1024).toFixed(0)} KiB), from scratch`, ms(s.ms), { text: '≤ 50 ms', pass: s.ms <= 50 }, `CPU ${ms(s.cpuMs)}`),
      row(area, '5,000 lines, after an edit (other RUNs cached)', ms(se.ms), { text: '≤ 25 ms', pass: se.ms <= 25 }, `CPU ${ms(se.cpuMs)}; the first edit of the session: ${ms(first.ms)}, CPU ${ms(first.cpuMs)}`),
      row(area, `50,000 lines (${(large.length / 1024).toFixed(0)} KiB), from scratch`, ms(l.ms), undefined, `CPU ${ms(l.cpuMs)}; after an edit: ${ms(le.ms)}, CPU ${ms(le.cpuMs)}`),
      row(area, 'growth exponent 5k → 50k', exponent.toFixed(2), { text: '≤ 1.2 (≈ linear)', pass: exponent <= 1.2 }, `after an edit: ${exponentEdit.toFixed(2)}`),
    ],
    notes,
  });
}

void main();
