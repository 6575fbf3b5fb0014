import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeMajorOfTag } from '../../server/src/engine/model/npmVersion.js';

describe('nodeMajorOfTag: the Node.js major version a node: tag names', () => {
  const cases: [string, number | null][] = [
    ['6', 6],
    ['6.11-alpine', 6],
    ['0.10', 0],
    ['boron-slim', 6],
    ['carbon', 8],
    ['lts-alpine', null],
    // Names of Object.prototype members are not code names.
    ['constructor', null],
    ['tostring-slim', null],
    ['hasownproperty', null],
  ];
  for (const [tag, major] of cases) it(`${tag} -> ${major}`, () => assert.equal(nodeMajorOfTag(tag), major));
});
