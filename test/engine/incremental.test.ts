import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { generateDockerfile } from '../../bench/lib/generate.js';
import { allRules, analyze, resetCaches, sizeHints, type RuleLevel } from '../../server/src/engine/index.js';
import { mutate, mutation, SEED_FILES } from '../support/arbitraries.js';
import { corpusFiles } from '../support/corpus.js';
import { engineReady } from '../support/engine.js';

/**
 * While a user types, the engine keeps what it worked out for texts it saw before (the shell parse of every
 * RUN, by its text) and reuses it for the unchanged instructions of the next version. These tests lint each
 * edited text twice: after the versions before it (what the editor does), and again from scratch with every
 * cache emptied. The findings (messages, ranges, fixes with their edits, estimates) and the size hints must
 * be the same.
 */
const SEED = 20_261_207;
const levels: Record<string, RuleLevel> = Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.defaultSeverity === 'off' ? 'warning' : r.meta.defaultSeverity]));

function result(text: string): string {
  const a = analyze(text, { rules: levels });
  return JSON.stringify({ findings: a.findings, hints: a.model ? sizeHints(a.model) : null });
}

/** The results of linting `versions` in order with the caches kept between them, then each from scratch. */
function compare(versions: readonly string[]): { step: number; incremental: string; scratch: string }[] {
  resetCaches();
  const incremental = versions.map(result);
  return versions.map((text, step) => {
    resetCaches();
    return { step, incremental: incremental[step]!, scratch: result(text) };
  });
}

function assertSame(versions: readonly string[]): void {
  for (const { step, incremental, scratch } of compare(versions)) {
    if (incremental === scratch) continue;
    let d = 0;
    while (incremental[d] === scratch[d]) d++;
    assert.fail(`version ${step} differs when linted after the ones before it, at ${JSON.stringify(incremental.slice(d - 80, d + 80))}; text ${JSON.stringify(versions[step]).slice(0, 600)}`);
  }
}

describe('incremental analysis equals analysis from scratch', () => {
  let files: string[] = [];
  before(async () => {
    await engineReady;
    files = corpusFiles().map(([, text]) => text);
    if (files.length === 0) files = [...SEED_FILES];
  });

  it('typing an option into an apt install of a 200-line file, one character at a time, and deleting it again', () => {
    const text = generateDockerfile(200);
    const at = text.indexOf('apt-get install -y \\\n', text.length / 2) + 'apt-get install -y'.length;
    assert.ok(at > text.length / 2);
    const word = ' --no-install-recommends';
    const versions = [text];
    for (let i = 1; i <= word.length; i++) versions.push(text.slice(0, at) + word.slice(0, i) + text.slice(at));
    for (let i = word.length - 1; i >= 0; i--) versions.push(text.slice(0, at) + word.slice(0, i) + text.slice(at));
    assertSame(versions);
    // The edit changes the findings: the test compares something that moves.
    assert.notEqual(result(versions[word.length]!), result(text));
  });

  it('edits that change what other instructions mean: SHELL, the escape directive, a continuation, a heredoc, a stage name', () => {
    const base = 'FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\nFROM build\nRUN echo hi\nCMD node app.js\n';
    assertSame([
      base,
      base.replace('FROM debian:bookworm AS build\n', 'FROM debian:bookworm AS build\nSHELL ["pwsh", "-c"]\n'),
      `# escape=\`\n${base}`,
      base.replace('apt-get install -y curl\n', 'apt-get install -y curl \\\n'),
      base.replace('RUN echo hi\n', 'RUN <<EOF\napt-get install -y jq\nEOF\n'),
      base.replace('FROM build\n', 'FROM builder\n'),
      base.replace(/\n/g, '\r\n'),
      base,
    ]);
  });

  it('random edits of corpus files, several in a row (250 sequences)', () => {
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(fc.array(mutation, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }), (i, steps) => {
        const versions = [files[i]!];
        for (const s of steps) versions.push(mutate(versions[versions.length - 1]!, s));
        for (const { incremental, scratch } of compare(versions)) if (incremental !== scratch) return false;
        return true;
      }),
      { seed: SEED, numRuns: 250 },
    );
  });
});
