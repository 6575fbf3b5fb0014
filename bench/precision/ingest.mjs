#!/usr/bin/env node
// Turns the saved `read_file` answers (one JSON object a line: r = repository, p = path,
// c = commit, n = total_chars the index reported, t = text) into the cache folder and the
// manifest. The look-up tool strips carriage returns from the text it returns but counts
// them in total_chars: when n equals the text length plus one per line feed, the file had
// CRLF line ends and they are put back, so the cached bytes are the repository's bytes.
//
//   node bench/precision/ingest.mjs [answers.jsonl] [--corpus ../shared/corpus/manifest.csv]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const corpusManifest = opt('--corpus', resolve(here, '../../../shared/corpus/manifest.csv'));
const answers = args[0] ?? join(here, '.files', 'raw.jsonl');
const filesDir = join(here, '.files');

const corpusHashes = new Set();
const corpusRepos = new Set();
if (existsSync(corpusManifest)) {
  const [head, ...rows] = readFileSync(corpusManifest, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const iSha = cols.indexOf('sha256');
  const iRepo = cols.indexOf('source_repo');
  for (const row of rows) {
    const cells = row.split(',');
    corpusHashes.add(cells[iSha]);
    corpusRepos.add(cells[iRepo]);
  }
} else {
  console.error(`warning: no corpus manifest at ${corpusManifest}; corpus duplicates not checked`);
}

const order = ['Dockerfile', 'docker/Dockerfile', 'Dockerfile.prod', 'build/Dockerfile'];
const records = readFileSync(answers, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line))
  // The selection rule's order: by candidate path, then the order find_files listed the
  // repositories in (the order the answers were saved in within a path).
  .map((r, i) => ({ ...r, i }))
  .sort((a, b) => order.indexOf(a.p) - order.indexOf(b.p) || a.i - b.i);

mkdirSync(filesDir, { recursive: true });
const manifest = ['id\trepo\tcommit\tpath\tsha256\tbytes\tline_ends'];
const skipped = [];
const seen = new Set();
let n = 0;
for (const r of records) {
  let text = r.t;
  let ends = 'LF';
  // total_chars counts code points, not UTF-16 units.
  const chars = [...text].length;
  if (typeof r.n === 'number' && r.n !== chars) {
    const lf = (text.match(/\n/g) ?? []).length;
    if (r.n === chars + lf) {
      text = text.replace(/\n/g, '\r\n');
      ends = 'CRLF';
    } else {
      throw new Error(`${r.r}:${r.p}: ${chars} characters saved, the index reported ${r.n}`);
    }
  }
  const bytes = Buffer.from(text, 'utf8');
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (seen.has(r.r)) throw new Error(`${r.r} twice: one file per repository`);
  seen.add(r.r);
  if (corpusRepos.has(r.r)) { skipped.push([r.r, r.p, r.c, 'a source repository of ../shared/corpus']); continue; }
  if (corpusHashes.has(sha)) { skipped.push([r.r, r.p, r.c, 'same SHA-256 as a ../shared/corpus file']); continue; }
  if (!/^\s*FROM\s/im.test(text)) { skipped.push([r.r, r.p, r.c, 'no FROM instruction']); continue; }
  n += 1;
  const id = String(n).padStart(3, '0');
  writeFileSync(join(filesDir, id), bytes);
  manifest.push([id, r.r, r.c, r.p, sha, bytes.length, ends].join('\t'));
}
writeFileSync(join(here, 'manifest.tsv'), manifest.join('\n') + '\n');
console.log(`${n} files written to ${filesDir}; manifest.tsv written`);
if (skipped.length) {
  console.log(`${skipped.length} skipped here:`);
  for (const s of skipped) console.log('  ' + s.join('\t'));
}
