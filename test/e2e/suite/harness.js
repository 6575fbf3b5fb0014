// A small test runner for the extension host (no mocha in the project): tests run one after the other, a test
// may skip itself with a reason, and the results go to the console and, when E2E_RESULTS names a file, to JSON.
'use strict';
const fs = require('node:fs');

class Skip extends Error {
  constructor(reason) {
    super(reason);
    this.name = 'Skip';
  }
}

/** Ends the current test as skipped, with the reason shown in the report. */
function skip(reason) {
  throw new Skip(reason);
}

const tests = [];

/** Registers a test; `fn` gets no arguments and may return a promise. */
function test(name, fn, { timeoutMs = 60_000 } = {}) {
  tests.push({ name, fn, timeoutMs });
}

const log = (line) => console.log(`[e2e] ${line}`);

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs every registered test; `afterEach` runs after each one (it must not throw). Resolves with the results;
 * rejects, after writing them, when a test failed or none passed.
 */
async function runAll({ afterEach, suiteName }) {
  const results = [];
  const started = Date.now();
  log(`${suiteName}: ${tests.length} tests`);
  for (const t of tests) {
    const t0 = Date.now();
    let status = 'pass';
    let detail;
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
    } catch (error) {
      if (error instanceof Skip) {
        status = 'skip';
        detail = error.message;
      } else {
        status = 'fail';
        detail = error && error.stack ? String(error.stack) : String(error);
      }
    }
    try {
      await afterEach();
    } catch (error) {
      log(`cleanup after "${t.name}" failed: ${error && error.message}`);
    }
    const ms = Date.now() - t0;
    results.push({ name: t.name, status, ms, detail });
    const mark = status === 'pass' ? 'PASS' : status === 'skip' ? 'SKIP' : 'FAIL';
    log(`${mark} ${t.name} (${ms} ms)${detail ? `\n        ${detail.split('\n').slice(0, 8).join('\n        ')}` : ''}`);
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  const summary = { suite: suiteName, passed: count('pass'), failed: count('fail'), skipped: count('skip'), ms: Date.now() - started, results };
  log(`${suiteName}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped in ${summary.ms} ms`);
  if (process.env.E2E_RESULTS) fs.writeFileSync(process.env.E2E_RESULTS, JSON.stringify(summary, null, 2));
  if (summary.failed > 0) throw new Error(`${summary.failed} end-to-end test(s) failed: ${results.filter((r) => r.status === 'fail').map((r) => r.name).join('; ')}`);
  if (summary.passed === 0) throw new Error('no end-to-end test passed');
  return summary;
}

module.exports = { test, skip, runAll, log, Skip };
