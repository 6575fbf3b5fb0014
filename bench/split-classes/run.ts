/**
 * Builds the single-stage Dockerfiles of bench/split-classes/<case>/ and their split (the planner's fix
 * alone, applied by the fixer), runs both images and checks each prints the line in `expect`. Sizes are
 * `podman image inspect --format {{.Size}}` (uncompressed bytes). Writes RESULTS.md.
 *
 *   npm run bench:split-classes [-- case…]   (or: node --import tsx bench/split-classes/run.ts [case…])
 *
 * Needs the stand-in images of bench/image-size/setup.sh (localhost/gcc:12, golang:1.19, python:3.11…).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFixes } from '../../server/src/engine/fixer.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { planSplit } from '../../server/src/engine/split/split.js';
import { engineReady } from '../../test/support/engine.js';

const DIR = __dirname;
const LABEL = 'dockerfile-slim.split-classes=1';

function sh(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function build(c: string, tag: string, dockerfile: string, ctx: string): { ok: boolean; seconds: number; log: string } {
  const name = `${c}-${tag}`;
  const file = join(DIR, c, `.${tag}.Dockerfile`);
  writeFileSync(file, dockerfile);
  const t = Date.now();
  const r = sh('buildah', ['bud', '--pull=never', '--layers', '--isolation', 'chroot', '--label', LABEL, '-f', file, '-t', `localhost/split-classes-${name}`, ctx]);
  return { ok: r.ok, seconds: Math.round((Date.now() - t) / 1000), log: r.out.slice(-2000) };
}

function runImage(image: string): string {
  return sh('podman', ['--runtime', 'runc', 'run', '--rm', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024', image]).out;
}

function size(image: string): number {
  return Number(execFileSync('podman', ['image', 'inspect', '--format', '{{.Size}}', image], { encoding: 'utf8' }).trim());
}

async function main(): Promise<void> {
  await engineReady;
  const only = process.argv.slice(2);
  const cases = readdirSync(DIR).filter((d) => existsSync(join(DIR, d, 'Dockerfile')) && (only.length === 0 || only.includes(d)));
  const rows: string[] = [];
  for (const c of cases) {
    const input = readFileSync(join(DIR, c, 'Dockerfile'), 'utf8');
    const expect = readFileSync(join(DIR, c, 'expect'), 'utf8').trim();
    const plan = planSplit(buildModel(input));
    if ('reason' in plan) {
      rows.push(`| ${c} | refused: ${plan.reason} | | | | |`);
      continue;
    }
    const output = applyFixes(input, [plan.fix]).text;
    writeFileSync(join(DIR, c, 'Dockerfile.split'), output);
    const ctx = join(DIR, c, 'ctx');
    const result: string[] = [];
    for (const [tag, text] of [['before', input], ['after', output]] as const) {
      const b = build(c, tag, text, ctx);
      if (!b.ok) {
        result.push(`build failed (${b.seconds} s)`, '', '');
        console.error(b.log);
        continue;
      }
      const image = `localhost/split-classes-${c}-${tag}`;
      const out = runImage(image);
      result.push(`${(size(image) / 1e6).toFixed(2)} MB (${b.seconds} s)`, out.includes(expect) ? 'yes' : `no: ${out.trim().split('\n').pop()}`, '');
    }
    rows.push(`| ${c} | ${plan.fix.title.replace(/\|/g, '\\|')} | ${result[0]} | ${result[1]} | ${result[3]} | ${result[4]} |`);
    console.log(rows[rows.length - 1]);
  }
  const commit = sh('git', ['-C', DIR, 'rev-parse', '--short', 'HEAD']).out.trim();
  const table = [
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit} (plus the working tree), 2 shared cores, buildah ${sh('buildah', ['--version']).out.trim().split(' ')[2]}.`,
    '',
    '| case | split offered (title) | before: size (build) | before prints the expected line | after: size (build) | after prints the expected line |',
    '| --- | --- | ---: | --- | ---: | --- |',
    ...rows,
  ];
  const notes = [
    '',
    'Each case is one of the failure classes of issue #13 (c-config, go-views: run-time files next to the program;',
    'go-mv: the program followed through `mv`; py-abs: an absolute interpreter path rewritten to the virtualenv).',
    'The expected line is printed only when the program finds what it needs at run time (its config file, its',
    '`views/`, the package installed in the virtualenv). The base images are the local stand-ins of',
    'bench/image-size (built from Debian packages, smaller than the official ones: `localhost/gcc:12` is 393 MB here,',
    '`gcc:12.5.0` 1.38 GB per docker-library/repo-info), so the saving in the title, an estimate for the official',
    'images, is larger than the difference measured here.',
  ];
  writeFileSync(join(DIR, 'RESULTS.md'), `# Split classes, built\n\n${table.join('\n')}\n${notes.join('\n')}\n`);
}

void main();
