import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';

it('README rules table and package.json settings match the rule metadata (npm run generate)', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../scripts/generate.ts'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
