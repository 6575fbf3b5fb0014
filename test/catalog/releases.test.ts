import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debianReleaseOfTag, endedBefore } from '../../server/src/engine/catalog/releases.js';

describe('debianReleaseOfTag', () => {
  const ROWS: [string, string | null, string | null][] = [
    ['stretch-slim', 'debian', 'stretch'],
    ['9-slim', 'debian', 'stretch'],
    ['10', 'debian', 'buster'],
    ['buster-slim', 'debian', 'buster'],
    ['3.6-slim-stretch', 'python', 'stretch'],
    ['8-jdk-slim-buster', 'openjdk', 'buster'],
    ['12-slim', 'debian', 'bookworm'],
    // A leading number is the release only for the debian image itself.
    ['9-slim', 'node', null],
    ['22-alpine', 'node', null],
    ['latest', 'debian', null],
  ];
  for (const [tag, family, codename] of ROWS) {
    it(`${family}:${tag} → ${codename}`, () => assert.equal(debianReleaseOfTag(tag, family)?.codename ?? null, codename));
  }
  it('stretch and buster ended before the catalog date; bookworm did not', () => {
    assert.equal(endedBefore(debianReleaseOfTag('stretch', null)!, '2026-09'), true);
    assert.equal(endedBefore(debianReleaseOfTag('buster', null)!, '2026-09'), true);
    assert.equal(endedBefore(debianReleaseOfTag('bookworm', null)!, '2026-09'), false);
  });
});
