import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cgoModulesOf, goModRequires } from '../../server/src/engine/model/goModules.js';

describe('go.mod: required modules and those that need cgo', () => {
  const goMod = [
    'module example.com/forum // the forum',
    '',
    'go 1.21',
    '',
    'require github.com/google/uuid v1.3.0',
    'require (',
    '\tgithub.com/mattn/go-sqlite3 v1.14.16 // indirect',
    '\t"github.com/go-gl/glfw/v3.3/glfw" v0.0.0-20221017161538-93cebf72946b',
    '',
    '\tgithub.com/mattn/go-sqlite3x v0.1.0',
    ')',
    'replace github.com/DataDog/zstd => ../zstd',
    'exclude github.com/DataDog/zstd v1.0.0',
  ].join('\r\n');

  it('require lines and blocks, comments and quotes aside; replace and exclude are not requirements', () => {
    assert.deepEqual(goModRequires(goMod), ['github.com/google/uuid', 'github.com/mattn/go-sqlite3', 'github.com/go-gl/glfw/v3.3/glfw', 'github.com/mattn/go-sqlite3x']);
  });

  it('a known cgo module, its subpackages and a known prefix match; a longer name that only starts the same does not', () => {
    assert.deepEqual(cgoModulesOf(goMod), ['github.com/mattn/go-sqlite3', 'github.com/go-gl/glfw/v3.3/glfw']);
    assert.deepEqual(cgoModulesOf('module x\nrequire github.com/confluentinc/confluent-kafka-go/v2 v2.3.0\n'), ['github.com/confluentinc/confluent-kafka-go/v2']);
    assert.deepEqual(cgoModulesOf('module x\n'), []);
    assert.deepEqual(cgoModulesOf('\u0000\u0001 binary junk require ('), []);
  });
});
