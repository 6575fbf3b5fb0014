/**
 * Commands that write files no instruction names into their working directory (model/builds.ts
 * writesInWorkdir): chmod-after-copy keeps a recursive chown or chmod for them.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { writesInWorkdir } from '../../server/src/engine/model/builds.js';
import { parseShell } from '../../server/src/engine/model/shell.js';
import { engineReady } from '../support/engine.js';

describe('writesInWorkdir', () => {
  before(() => engineReady);
  const ROWS: [string, boolean][] = [
    ['npm ci', true],
    ['npm install --omit=dev', true],
    ['npm run build', true],
    ['npm cache clean --force', false],
    ['npm install -g pnpm', false],
    ['yarn', true],
    ['yarn cache clean', false],
    ['pnpm install --frozen-lockfile', true],
    ['make -j4', true],
    ['./gradlew bootJar', true],
    ['go build -o /out/app ./cmd/app', true],
    ['go version', false],
    ['pip install .', true],
    ['pip install -e .', true],
    ['pip install ".[web]"', true],
    ['pip install flask', false],
    ['uv pip install --system --no-cache ".[web]"', true],
    ['uv pip install --system flask', false],
    ['uv sync --frozen', true],
    ['composer install --no-dev', true],
    ['chown -R app /app', false],
  ];
  for (const [text, writes] of ROWS) {
    it(`${text}: ${writes}`, () => assert.equal(writesInWorkdir(parseShell(text).commands[0]!), writes));
  }
});
