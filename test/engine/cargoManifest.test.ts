import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cargoRunTarget } from '../../server/src/engine/model/cargoManifest.js';

describe('cargoRunTarget: the binary `cargo run` starts, from Cargo.toml', () => {
  it('the package name (dashes kept), not a `name` key of another table', () => {
    assert.deepEqual(cargoRunTarget('[dependencies]\nname = "x"\n\n[package]\nname = "rust-app-engine"\nversion = "0.1.0"\n', null), { bin: 'rust-app-engine' });
    assert.deepEqual(cargoRunTarget("[package]\r\nname = 'quake_game_log' # single quotes, CRLF\r\n", null), { bin: 'quake_game_log' });
  });

  it('--bin, then default-run, then a single [[bin]] that is the only binary', () => {
    const two = '[package]\nname = "app"\ndefault-run = "server"\n\n[[bin]]\nname = "server"\n\n[[bin]]\nname = "cli"\n';
    assert.deepEqual(cargoRunTarget(two, 'cli'), { bin: 'cli' });
    assert.deepEqual(cargoRunTarget(two, null), { bin: 'server' });
    assert.deepEqual(cargoRunTarget('[package]\nname = "app"\nautobins = false\n\n[[bin]]\nname = "srv"\npath = "src/srv.rs"\n', null), { bin: 'srv' });
    assert.deepEqual(cargoRunTarget('[package]\nname = "app"\n\n[[bin]]\nname = "app"\n', null), { bin: 'app' });
  });

  it('not known: a workspace root, no package, several binaries without default-run', () => {
    assert.ok('unknown' in cargoRunTarget('[workspace]\nmembers = ["a"]\n', null));
    assert.ok('unknown' in cargoRunTarget('', null));
    assert.ok('unknown' in cargoRunTarget('[package]\nname = "app"\n\n[[bin]]\nname = "a"\n\n[[bin]]\nname = "b"\n', null));
    assert.ok('unknown' in cargoRunTarget('[package]\nname = "app"\n\n[[bin]]\nname = "other"\n', null), 'src/main.rs may be a second binary');
  });
});
