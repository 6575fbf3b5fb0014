import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isToolchainPackage } from '../../server/src/engine/model/builds.js';
import { isCrossToolchainPackage } from '../../server/src/engine/model/crossToolchain.js';

describe('isCrossToolchainPackage', () => {
  const ROWS: [string, boolean][] = [
    ['gcc-aarch64-linux-gnu', true],
    ['g++-arm-linux-gnueabihf', true],
    ['gcc-12-aarch64-linux-gnu', true],
    ['binutils-x86-64-linux-gnu', true],
    ['gcc-arm-none-eabi', true],
    ['gcc-x86-64-linux-musl', true],
    ['crossbuild-essential-arm64', true],
    ['gcc-mingw-w64-x86-64', true],
    ['mingw-w64', true],
    ['libc6-dev-arm64-cross', true],
    ['linux-libc-dev-armhf-cross', true],
    ['gcc', false],
    ['gcc-12', false],
    ['g++', false],
    ['libssl-dev', false],
    ['binutils', false],
    ['libgcc-s1', false],
    ['python3-crossenv', false],
  ];
  for (const [name, expected] of ROWS) {
    it(`${name} → ${expected}`, () => assert.equal(isCrossToolchainPackage(name), expected));
  }
  it('a cross compiler is a toolchain package for every rule that asks', () => {
    assert.equal(isToolchainPackage('gcc-aarch64-linux-gnu'), true);
    assert.equal(isToolchainPackage('crossbuild-essential-arm64'), true);
  });
});
