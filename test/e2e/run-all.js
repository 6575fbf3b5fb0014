#!/usr/bin/env node
// `npm run test:e2e`: setup, then every end-to-end suite, one after the other (2 cores; each suite starts its
// own servers). A failing suite does not stop the others; the summary lists each step with its time.
//
// usage: node test/e2e/run-all.js [--no-setup] [--no-selftest]
'use strict';
const path = require('node:path');
const { env } = require('./lib/env');
const { spawnGroup, stopGroup } = require('./lib/processes');

const args = new Set(process.argv.slice(2));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const e2e = (f) => path.join(env.REPO, 'test', 'e2e', f);

/** name, command, time limit, and the steps it needs to have passed. */
const STEPS = [
  { name: 'setup', cmd: ['bash', e2e('setup.sh')], limit: 1200, quiet: true },
  { name: 'build', cmd: [npm, 'run', '--silent', 'build'], limit: 300, needs: [] },
  { name: "grammar on VS Code's own grammars", cmd: [process.execPath, e2e('grammar.js')], limit: 120, needs: ['setup'] },
  { name: 'extension-host suite', cmd: [process.execPath, e2e('run-exthost.js')], limit: 420, needs: ['setup', 'build'] },
  { name: 'neovim suite', cmd: [process.execPath, e2e('nvim/run-nvim.js')], limit: 120, needs: ['setup', 'build'] },
  { name: 'package (vsce)', cmd: [npm, 'run', '--silent', 'package'], limit: 300, needs: [] },
  { name: 'UI suite', cmd: [process.execPath, e2e('run-ui.js')], limit: 420, needs: ['setup', 'package (vsce)'] },
  { name: 'UI tour suite (grammar, schema, status, docs, walkthrough)', cmd: [process.execPath, e2e('run-ui-tour.js')], limit: 420, needs: ['setup', 'package (vsce)'] },
  { name: 'self-test (a throwing rule must fail every suite)', cmd: [process.execPath, e2e('selftest.js')], limit: 900, needs: ['setup', 'build'] },
].filter((s) => !(s.name === 'setup' && args.has('--no-setup')) && !(s.name.startsWith('self-test') && args.has('--no-selftest')));

function run(step) {
  return new Promise((resolve) => {
    const child = spawnGroup(step.cmd[0], step.cmd.slice(1), { cwd: env.REPO, stdio: ['ignore', step.quiet ? 'ignore' : 'inherit', 'inherit'] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`[e2e] ${step.name}: no result after ${step.limit} s, stopping it`);
      void stopGroup(child.pid);
    }, step.limit * 1000);
    child.on('exit', async (code) => {
      clearTimeout(timer);
      await stopGroup(child.pid);
      resolve(timedOut ? 'timeout' : code);
    });
  });
}

async function main() {
  const t0 = Date.now();
  const done = new Map();
  for (const step of STEPS) {
    const missing = (step.needs || []).filter((n) => STEPS.some((s) => s.name === n) && done.get(n) !== 'pass');
    if (missing.length > 0) {
      done.set(step.name, 'not run');
      console.log(`\n[e2e] == ${step.name}: not run (${missing.join(', ')} failed)`);
      continue;
    }
    console.log(`\n[e2e] == ${step.name}`);
    const t = Date.now();
    const code = await run(step);
    const s = ((Date.now() - t) / 1000).toFixed(1);
    done.set(step.name, code === 0 ? 'pass' : 'fail');
    step.result = `${code === 0 ? 'pass' : `FAIL (${code})`} ${s} s`;
  }
  console.log('\n[e2e] summary');
  for (const step of STEPS) console.log(`[e2e]   ${step.name.padEnd(52)} ${step.result || done.get(step.name)}`);
  const failed = [...done.values()].some((v) => v !== 'pass');
  console.log(`[e2e] ${failed ? 'FAILED' : 'all passed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code));
