/**
 * Cross compilers and the packages that go with them: `gcc-aarch64-linux-gnu`, `g++-12-arm-linux-gnueabihf`,
 * `binutils-x86-64-linux-gnu`, `gcc-arm-none-eabi`, `crossbuild-essential-arm64`, `gcc-mingw-w64-x86-64`,
 * and Debian's `*-cross` packages (`libc6-dev-arm64-cross`, `linux-libc-dev-armhf-cross`), which exist only
 * to build for another architecture. Build dependencies like any compiler.
 */
const CROSS_COMPILER = /^(?:gcc|g\+\+|cpp|gfortran|gccgo|gobjc|binutils)(?:-\d+(?:\.\d+)?)?-(?:[a-z0-9_]+-)+(?:linux-gnu[a-z0-9_]*|linux-musl[a-z0-9_]*|w64-mingw32|none-eabi[a-z]*|elf)$/;
const CROSS_OTHER = /^(?:crossbuild-essential-[a-z0-9]+|(?:gcc|g\+\+|binutils)-mingw-w64(?:-[a-z0-9-]+)?|mingw-w64(?:-[a-z0-9-]+)?|[a-z0-9][a-z0-9.+-]*-cross)$/;

export function isCrossToolchainPackage(name: string): boolean {
  return CROSS_COMPILER.test(name) || CROSS_OTHER.test(name);
}
