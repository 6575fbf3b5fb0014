import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { C_TOOLCHAIN, isCCompilerPackage, isToolchainPackage } from '../../server/src/engine/model/runBuildRead.js';

// model/toolchain.ts keeps one pass per stage that counts toolchain packages and answers "which C compilers are
// installed" by filtering that state: right only while every C compiler package is a toolchain package.
describe('every C compiler package is a toolchain package (the per-stage toolchain pass relies on it)', () => {
  const names = [...C_TOOLCHAIN, 'gcc-12', 'g++-13', 'clang-17', 'gcc-9', 'clang-3'];
  for (const name of names) {
    it(name, () => {
      assert.equal(isCCompilerPackage(name), true);
      assert.equal(isToolchainPackage(name), true);
    });
  }
  it('and not every toolchain package is a C compiler', () => {
    for (const name of ['cmake', 'golang-go', 'openjdk-17-jdk', 'cargo']) {
      assert.equal(isToolchainPackage(name), true, name);
      assert.equal(isCCompilerPackage(name), false, name);
    }
  });
});
