// `npm run demo`: checks examples/ with the built CLI, then prints examples/Dockerfile with every fix applied.
import { spawnSync } from 'node:child_process';

const cli = ['server/out/cli.js'];

function run(title, args) {
  process.stdout.write(`\n=== ${title}\n$ dockerfile-slim ${args.join(' ')}\n\n`);
  const r = spawnSync(process.execPath, [...cli, ...args], { stdio: 'inherit' });
  if (r.status === 2 || r.status === null) {
    process.stderr.write(`demo: dockerfile-slim ${args.join(' ')} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(1);
  }
}

run('Findings in examples/', ['check', 'examples']);
run('examples/Dockerfile, slimmed (safe and unsafe fixes)', ['fix', '--unsafe', '--stdout', 'examples/Dockerfile']);
