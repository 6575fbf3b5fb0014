/** What each suite hands to `bench/run.ts`: rows of the one table, and notes for BENCHMARKS.md. */
export interface Row {
  /** Benchmark group, e.g. `Engine throughput`. */
  area: string;
  /** What was measured, e.g. `mean per file`. */
  measure: string;
  /** The measured value, already formatted with its unit. */
  value: string;
  /** The budget as text (`≤ 1 ms`), or empty when the row is informational. */
  budget: string;
  /** null for informational rows. */
  pass: boolean | null;
  /** The peers' figures and our ratio to them, or empty. */
  peers: string;
}

export interface SuiteResult {
  suite: string;
  rows: Row[];
  notes: string[];
}

export function ms(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const d = digits ?? (value < 1 ? 3 : value < 10 ? 2 : value < 100 ? 1 : 0);
  return `${value.toFixed(d)} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** `ours / theirs` as `0.42×`. */
export function ratio(ours: number, theirs: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return 'n/a';
  return `${(ours / theirs).toFixed(2)}×`;
}

export function row(area: string, measure: string, value: string, budget?: { text: string; pass: boolean }, peers = ''): Row {
  return { area, measure, value, budget: budget?.text ?? '', pass: budget ? budget.pass : null, peers };
}

/** Prints a suite's result as JSON for the runner when `--json` is given, else as a small table. */
export function emit(result: SuiteResult): void {
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(`${renderTable(result.rows)}\n`);
  for (const n of result.notes) process.stdout.write(`- ${n}\n`);
}

/** A Markdown table (also readable in a terminal). */
export function renderTable(rows: readonly Row[]): string {
  const head = ['Area', 'Measure', 'Dockerfile Slim', 'Budget', 'Met', 'Peers (ours ÷ peer)'];
  const body = rows.map((r) => [r.area, r.measure, r.value, r.budget || '—', r.pass === null ? '' : r.pass ? 'pass' : 'MISS', r.peers]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...body.map(line)].join('\n');
}
