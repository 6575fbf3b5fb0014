import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

/**
 * The precision benchmark's harness (bench/precision/run.mjs): judgements are keyed so that they survive
 * a finding moving to another line of the same text, the sample is a function of the seed and the keys
 * only, and the interval it prints is the Wilson score interval.
 */
interface Entry { id: string; repo: string; path: string }
interface RawFinding { ruleId: string; severity: string; message: string; range: { start: { line: number } } }
interface Keyed { id: string; rule: string; severity: string; line: number; lineText: string; key: string }
interface Harness {
  keyFindings(entry: Entry, text: string, findings: RawFinding[]): Keyed[];
  drawSample(findings: Keyed[], o: { seed: string; size: number; perRule: number }): { uniform: Set<string>; extra: Set<string> };
  wilson(k: number, n: number): [number, number];
  normalizeLine(s: string): string;
}
const HARNESS = pathToFileURL(resolve(__dirname, '..', '..', 'bench', 'precision', 'run.mjs')).href;
const load = async (): Promise<Harness> => (await import(HARNESS)) as Harness;

/** The i-th element, asserted present. */
function at<T>(xs: T[], i: number): T {
  const x = xs[i];
  assert.ok(x !== undefined, `no element ${i}`);
  return x;
}

const entry: Entry = { id: '001', repo: 'someone/app', path: 'Dockerfile' };
const finding = (ruleId: string, line0: number): RawFinding => ({ ruleId, severity: 'warning', message: 'm', range: { start: { line: line0 } } });

describe('precision harness: judgement keys', () => {
  it('keeps the key when the finding moves to another line with the same text', async () => {
    const { keyFindings } = await load();
    const before = at(keyFindings(entry, 'FROM debian\nRUN apt-get update\n', [finding('apt-lists-left', 1)]), 0);
    const after = at(keyFindings(entry, 'FROM debian\n\n# lists\nRUN   apt-get  update\n', [finding('apt-lists-left', 3)]), 0);
    assert.equal(before.line, 2);
    assert.equal(after.line, 4);
    assert.equal(before.key, after.key);
  });

  it('gives two findings of one rule on two identical lines different keys, and other rules or files other keys', async () => {
    const { keyFindings } = await load();
    const text = 'FROM debian\nRUN apt-get update\nRUN apt-get update\n';
    const two = keyFindings(entry, text, [finding('apt-lists-left', 1), finding('apt-lists-left', 2)]);
    const a = at(two, 0);
    assert.notEqual(a.key, at(two, 1).key);
    const c = at(keyFindings(entry, text, [finding('consecutive-run', 1)]), 0);
    const d = at(keyFindings({ ...entry, repo: 'other/app' }, text, [finding('apt-lists-left', 1)]), 0);
    assert.notEqual(a.key, c.key);
    assert.notEqual(a.key, d.key);
  });

  it('normalises whitespace and reads CRLF files line by line', async () => {
    const { keyFindings, normalizeLine } = await load();
    assert.equal(normalizeLine('  RUN\tapt-get   update \r'), 'RUN apt-get update');
    const crlf = at(keyFindings(entry, 'FROM debian\r\nRUN apt-get update\r\n', [finding('apt-lists-left', 1)]), 0);
    const lf = at(keyFindings(entry, 'FROM debian\nRUN apt-get update\n', [finding('apt-lists-left', 1)]), 0);
    assert.equal(crlf.lineText, 'RUN apt-get update');
    assert.equal(crlf.key, lf.key);
  });
});

describe('precision harness: sample', () => {
  const make = (rule: string, n: number): Keyed[] =>
    Array.from({ length: n }, (_, i) => ({ id: String(i), rule, severity: 'warning', line: i + 1, lineText: `RUN x${i}`, key: `${rule}-${i}` }));
  const findings = [...make('common', 200), ...make('rare', 3)];

  it('is the same for the same seed and different for another seed', async () => {
    const { drawSample } = await load();
    const a = drawSample(findings, { seed: '15', size: 50, perRule: 5 });
    const b = drawSample([...findings].reverse(), { seed: '15', size: 50, perRule: 5 });
    const c = drawSample(findings, { seed: '16', size: 50, perRule: 5 });
    assert.deepEqual([...a.uniform].sort(), [...b.uniform].sort());
    assert.equal(a.uniform.size, 50);
    assert.notDeepEqual([...a.uniform].sort(), [...c.uniform].sort());
  });

  it('adds findings of every rule up to the per-rule count, without repeating uniform ones', async () => {
    const { drawSample } = await load();
    const { uniform, extra } = drawSample(findings, { seed: '15', size: 10, perRule: 5 });
    const all = new Set([...uniform, ...extra]);
    assert.equal([...all].filter((k) => k.startsWith('rare-')).length, 3);
    assert.ok([...all].filter((k) => k.startsWith('common-')).length >= 5);
    for (const k of extra) assert.ok(!uniform.has(k));
  });

  it('keeps the rest of the sample when a finding disappears', async () => {
    const { drawSample } = await load();
    const full = drawSample(findings, { seed: '15', size: 50, perRule: 0 });
    const gone = [...full.uniform][0];
    const less = drawSample(findings.filter((f) => f.key !== gone), { seed: '15', size: 49, perRule: 0 });
    assert.deepEqual([...less.uniform].sort(), [...full.uniform].filter((k) => k !== gone).sort());
  });
});

describe('precision harness: interval', () => {
  it('is the Wilson score interval', async () => {
    const { wilson } = await load();
    const [lo, hi] = wilson(143, 150);
    assert.equal(lo.toFixed(1), '90.7');
    assert.equal(hi.toFixed(1), '97.7');
    assert.deepEqual(wilson(0, 0), [0, 100]);
    const [lo10, hi10] = wilson(10, 10);
    assert.equal(hi10, 100);
    assert.equal(lo10.toFixed(1), '72.2');
  });
});
