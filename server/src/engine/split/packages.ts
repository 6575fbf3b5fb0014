/**
 * The system packages a single-stage build installs, sorted into what the runtime stage needs and what only
 * the build needs (compilers, headers, build tools).
 */
import { installOf, isToolchainPackage, removalOf } from '../model/builds.js';
import type { Inst, RunInfo } from '../model/model.js';
import type { DebianRelease } from './images.js';
import { refuse } from './messages.js';
import type { Refusal } from './types.js';

export interface InstalledPackages {
  manager: 'apt' | 'apk' | null;
  /** Package names in install order, without duplicates, minus those removed later. */
  names: string[];
  /** Some install used `--no-install-recommends`. */
  noRecommends: boolean;
}

/** Build tools that are not compilers but are only needed to build. */
const BUILD_TOOLS = new Set([
  'git', 'pkg-config', 'pkgconf', 'autoconf', 'automake', 'libtool', 'cmake', 'ninja-build', 'ninja', 'meson', 'bison', 'flex',
  'm4', 'patch', 'ccache', 'swig', 'nasm', 'yasm', 'binutils', 'dpkg-dev', 'build-base', 'alpine-sdk', 'upx', 'upx-ucl',
]);

/**
 * Packages with nothing the runtime stage needs: headers whose runtime part every image has (the C library,
 * the kernel, Python itself) and Python's build helpers.
 */
const NO_RUNTIME_PART = /^(?:libc6-dev|linux-libc-dev|libc-dev|musl-dev|linux-headers(?:-.*)?|libstdc\+\+-\d+-dev|libgcc-\d+-dev|python3?(?:\.\d+)?-dev|libpython3?(?:\.\d+)?-dev|python3-venv|python3-pip|python3-setuptools|python3-wheel)$/;

/** Debian runtime libraries of common `-dev` packages; a string for every release, or per release. */
const DEV_TO_RUNTIME: Record<string, string | Partial<Record<DebianRelease, string>>> = {
  'libpq-dev': 'libpq5',
  'zlib1g-dev': 'zlib1g',
  'libjpeg-dev': 'libjpeg62-turbo',
  'libjpeg62-turbo-dev': 'libjpeg62-turbo',
  'libsqlite3-dev': 'libsqlite3-0',
  'libyaml-dev': 'libyaml-0-2',
  'libmariadb-dev': 'libmariadb3',
  'libmariadb-dev-compat': 'libmariadb3',
  'default-libmysqlclient-dev': 'libmariadb3',
  'libxslt1-dev': 'libxslt1.1',
  'libxml2-dev': 'libxml2',
  'libgmp-dev': 'libgmp10',
  'libsodium-dev': 'libsodium23',
  'libffi-dev': { bullseye: 'libffi7', bookworm: 'libffi8', trixie: 'libffi8' },
  'libssl-dev': { bullseye: 'libssl1.1', bookworm: 'libssl3', trixie: 'libssl3t64' },
  'libcurl4-openssl-dev': { bullseye: 'libcurl4', bookworm: 'libcurl4', trixie: 'libcurl4t64' },
  'libpng-dev': { bullseye: 'libpng16-16', bookworm: 'libpng16-16', trixie: 'libpng16-16t64' },
};

export function isBuildOnlyPackage(name: string): boolean {
  return isToolchainPackage(name) || BUILD_TOOLS.has(name) || NO_RUNTIME_PART.test(name) || /^(?:gcc|g\+\+|cpp|clang|llvm|lld|gfortran)(?:-\d+(?:\.\d+)*)?$/.test(name) || isDevPackage(name);
}

export function isDevPackage(name: string): boolean {
  return /-(?:dev|devel|headers)$/.test(name);
}

/** The packages installed by the RUNs (apt-get/apt/apk), or a reason when they cannot be read. */
export function installedPackages(runs: readonly (Inst & { run: RunInfo })[]): InstalledPackages | Refusal {
  const out: InstalledPackages = { manager: null, names: [], noRecommends: false };
  /** apk `--virtual` names and the packages they group. */
  const virtuals = new Map<string, string[]>();
  for (const r of runs) {
    for (const cmd of r.run.script?.commands ?? []) {
      if (cmd.nested) continue;
      const ins = installOf(cmd);
      if (ins) {
        if (ins.manager !== 'apt' && ins.manager !== 'apk') return refuse('pkgTool', { tool: cmd.name ?? '' });
        if (out.manager !== null && out.manager !== ins.manager) return refuse('twoManagers');
        out.manager = ins.manager;
        if (cmd.args.some((a) => a.value === '--no-install-recommends')) out.noRecommends = true;
        const names: string[] = [];
        for (const p of ins.packages) {
          if (p.name === null) return refuse('pkgVariable', { word: p.word.text });
          names.push(p.name);
          if (!out.names.includes(p.name)) out.names.push(p.name);
        }
        if (ins.virtual !== null) virtuals.set(ins.virtual, [...(virtuals.get(ins.virtual) ?? []), ...names]);
        continue;
      }
      const rem = removalOf(cmd);
      if (!rem) continue;
      const removed = new Set(rem.names.flatMap((n) => virtuals.get(n) ?? [n]));
      out.names = out.names.filter((n) => !removed.has(n));
    }
  }
  return out;
}

/**
 * The packages the runtime stage installs: every installed package that is not a compiler, header package
 * or build tool, plus the runtime libraries of the `-dev` packages (Debian only). A reason when a `-dev`
 * package's runtime library is not known.
 */
export function runtimePackages(pkgs: InstalledPackages, release: DebianRelease | null): string[] | Refusal {
  const out: string[] = [];
  const add = (n: string): void => {
    if (!out.includes(n)) out.push(n);
  };
  for (const name of pkgs.names) {
    if (NO_RUNTIME_PART.test(name)) continue;
    if (isDevPackage(name)) {
      const lib = DEV_TO_RUNTIME[name];
      const resolved = lib === undefined || pkgs.manager !== 'apt' ? undefined : typeof lib === 'string' ? lib : release ? lib[release] : undefined;
      if (resolved === undefined) return refuse('runtimeLib', { name });
      add(resolved);
      continue;
    }
    if (isBuildOnlyPackage(name)) continue;
    add(name);
  }
  return out;
}

/** One RUN line (without the keyword) that installs the packages in the runtime stage. */
export function installCommand(manager: 'apt' | 'apk', names: readonly string[], noRecommends: boolean): string {
  if (manager === 'apk') return `apk add --no-cache ${names.join(' ')}`;
  return `apt-get update && apt-get install -y ${noRecommends ? '--no-install-recommends ' : ''}${names.join(' ')} && rm -rf /var/lib/apt/lists/*`;
}
