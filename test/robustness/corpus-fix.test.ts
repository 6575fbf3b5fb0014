import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyFixes, fix, lint } from '../../server/src/engine/index.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { LineTable } from '../../server/src/engine/text.js';
import { corpusFiles } from '../support/corpus.js';
import { engineReady } from '../support/engine.js';

const files = corpusFiles();

/**
 * Over every real Dockerfile of the corpus: linting never throws, every range lies inside the document,
 * results are deterministic, and applying every fix (safe, then unsafe) keeps the file parseable with the
 * same stages, touches no byte between instructions, and reaches a fixed point.
 */
describe('corpus: lint and fix invariants', () => {
  before(() => engineReady);

  it('the corpus is there', () => {
    assert.ok(files.length >= 1000, `expected the shared corpus beside the project, found ${files.length} files`);
  });

  it('lint: no internal errors, ranges inside the text, deterministic', () => {
    const problems: string[] = [];
    for (const [path, text] of files) {
      const lines = new LineTable(text);
      const findings = lint(text);
      for (const f of findings) {
        if (f.ruleId === 'internal-error') problems.push(`${path}: ${f.message}`);
        const s = lines.offsetAt(f.range.start);
        const e = lines.offsetAt(f.range.end);
        if (f.range.start.line >= lines.lineCount || f.range.end.line >= lines.lineCount || s > e) problems.push(`${path}: bad range ${JSON.stringify(f.range)} (${f.ruleId})`);
      }
      if (JSON.stringify(lint(text)) !== JSON.stringify(findings)) problems.push(`${path}: non-deterministic`);
    }
    assert.deepEqual(problems, []);
  });

  it('edits stay on instructions: comments between instructions are never rewritten (line breaks and blank lines may go)', () => {
    const problems: string[] = [];
    for (const [path, text] of files) {
      const model = buildModel(text);
      const lines = model.lines;
      // An instruction's text and the line break that ends it (a removed instruction takes its line along).
      const covered = (offset: number): boolean =>
        model.instructions.some((i) => (offset >= i.start && offset <= i.end) || (offset === i.end + 1 && text.slice(i.end, i.end + 2) === '\r\n'));
      for (const f of lint(text)) {
        for (const x of f.fixes) {
          for (const e of x.edits) {
            const s = lines.offsetAt(e.range.start);
            const end = lines.offsetAt(e.range.end);
            if (s === end) continue; // insertions add, they do not lose bytes
            for (let o = s; o < end; o++) {
              // Whitespace between instructions may be deleted: merging RUNs drops the blank lines that would
              // become empty continuation lines, and deleting an instruction takes its line break (two
              // characters in CRLF files). Comments are never touched.
              if (!covered(o) && !/\s/.test(text[o]!)) {
                problems.push(`${path}: ${f.ruleId} "${x.title}" rewrites text outside any instruction at ${JSON.stringify(lines.positionAt(o))}`);
                break;
              }
            }
          }
          const once = applyFixes(text, [x]);
          if (once.taken.length !== 1) problems.push(`${path}: ${f.ruleId} "${x.title}" has overlapping edits`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('fix (safe, then unsafe): same stages, no fixable finding left, a fixed point', () => {
    const problems: string[] = [];
    for (const [path, text] of files) {
      const stages = buildModel(text).stages.length;
      const safe = fix(text);
      const all = fix(safe.text, undefined, { unsafe: true });
      const splits = all.applied.filter((a) => a.ruleId === 'build-in-final-stage').length;
      const after = buildModel(all.text).stages.length;
      if (after !== stages + splits) problems.push(`${path}: ${stages} stages became ${after}`);
      const left = all.remaining.filter((f) => f.fixes.length > 0);
      if (left.length > 0) problems.push(`${path}: fixable findings left: ${left.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).join(', ')}`);
      if (fix(all.text, undefined, { unsafe: true }).text !== all.text) problems.push(`${path}: not a fixed point`);
      if (text.startsWith('\uFEFF') !== all.text.startsWith('\uFEFF')) problems.push(`${path}: BOM changed`);
      if (text.includes('\r\n') && all.text.replace(/\r\n/g, '').includes('\n')) problems.push(`${path}: LF line ending added to a CRLF file`);
    }
    assert.deepEqual(problems, []);
  });
});
