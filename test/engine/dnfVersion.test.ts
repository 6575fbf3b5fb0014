import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { lint } from '../../server/src/engine/index.js';
import { isDnf5Image } from '../../server/src/engine/model/dnfVersion.js';
import { engineReady } from '../support/engine.js';

describe('which dnf a `dnf` command runs (Fedora 41 made dnf5 the dnf)', () => {
  before(() => engineReady);

  it('reads the Fedora release from the image', () => {
    for (const image of ['fedora:41', 'fedora:44', 'fedora', 'fedora:latest', 'fedora:rawhide', 'registry.fedoraproject.org/fedora:42', 'quay.io/fedora/fedora:43-x86_64']) assert.equal(isDnf5Image(image), true, image);
    for (const image of ['fedora:40', 'fedora:39', 'rockylinux:9', 'almalinux:9', 'fedora-minimal:40', 'myfedora:44', null]) assert.equal(isDnf5Image(image), false, String(image));
  });

  it("dnf-cache-kept's cache mount goes where the image's dnf keeps its cache", () => {
    const mountTitle = (from: string) =>
      lint(`FROM ${from}\nRUN dnf install -y curl\n`)
        .find((f) => f.ruleId === 'dnf-cache-kept')!
        .fixes.map((f) => f.title)
        .find((t) => t.includes('cache mount'));
    assert.match(mountTitle('fedora:44')!, /on \/var\/cache\/libdnf5 /);
    assert.match(mountTitle('fedora:40')!, /on \/var\/cache\/dnf /);
  });
});
