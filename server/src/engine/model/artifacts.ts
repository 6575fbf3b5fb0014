/**
 * The programs RUN instructions build (Go, C, Rust), with their output path and linking, and how a copied
 * path matches them: for libc-mismatch and tls-roots-missing.
 */
import { cached, KeyedCache } from '../memo.js';
import { optionValues, subcommand } from './commands.js';
import { chainOf } from './chain.js';
import { runsOf, type Stage } from './model.js';
import { oldAlpineGoLinksMusl } from './goVersion.js';
import { goStripOf, type GoStrip } from './goStrip.js';
import type { ShellCommand, ShellWord } from './shell.js';
import { commandDirs } from './paths.js';
import { stageImageFacts } from './stageFacts.js';
import { joinPath, variablesAt, workdirAt } from './timeline.js';
import { C_COMPILER, C_SOURCE, cCompilerPresent, commandsBefore } from './builds.js';
import type { RunInst } from './runs.js';
import { dashText } from './binSh.js';
import { scriptExports } from './scriptEnv.js';

export type Linking = 'static' | 'dynamic' | 'unknown';

/** Why a build links dynamically. */
export type LinkReason = '' | 'cgoOn' | 'cgoOldGo' | 'cgoCompiler' | 'noStatic' | 'crtStatic' | 'gnuTarget' | 'hostTarget';

export interface Artifact {
  kind: 'go' | 'c' | 'rust';
  inst: RunInst;
  cmd: ShellCommand;
  label: string;
  /** Directory the program is written to, absolute, or null when unknown. */
  dir: string | null;
  /** File name of the program, or null when unknown. */
  name: string | null;
  linking: Linking;
  /** Why it is dynamic (rules word it): none, or one of the known causes. */
  reason: LinkReason;
  /** The target triple, for `gnuTarget`. */
  target?: string;
  /** Cgo was asked for explicitly (`CGO_ENABLED=1`): the fix must not turn it off. */
  explicit: boolean;
  /** Go only: the link flags that strip the program (go-binary-unstripped). */
  strip?: GoStrip;
}

/**
 * The programs the stage chain of `stage` builds with `go build`/`go install`, a C compiler or cargo. Read once
 * per stage (go-binary-unstripped, libc-mismatch and tls-roots-missing each ask for the stages they look at).
 */
export function artifactsOf(stage: Stage): readonly Artifact[] {
  return cached(artifactsByStage, stage, readArtifacts);
}

const artifactsByStage = new KeyedCache<Stage, readonly Artifact[]>();

function readArtifacts(stage: Stage): readonly Artifact[] {
  const out: Artifact[] = [];
  for (const r of runsOf(chainOf(stage))) {
    if (r.onbuild) continue;
    const script = r.run.script;
    if (!script) continue;
    for (const cmd of script.commands) {
      if (cmd.nested || !cmd.name || !cmd.nameWord) continue;
      const a = cmd.name === 'go' ? goArtifact(r, cmd) : cmd.name === 'cargo' ? rustArtifact(r, cmd) : C_COMPILER.test(cmd.name) ? cArtifact(r, cmd) : null;
      if (a) out.push(a);
    }
  }
  return out;
}

/** The working directory a command runs in: WORKDIR, changed by earlier `cd` commands of the same RUN. */
function cwdOf(inst: RunInst, cmd: ShellCommand): string | null {
  return commandDirs(inst.run.script?.commands ?? [], workdirAt(inst.stage!, inst).dir).get(cmd) ?? null;
}

function resolvePath(cwd: string | null, p: string): string | null {
  if (p.includes('$') || p.startsWith('~')) return null;
  if (p.startsWith('/')) return joinPath('/', p);
  return cwd === null ? null : joinPath(cwd, p);
}

/**
 * Environment a command sees (`all`): ENV and ARG defaults of the chain, what the RUN exported or unset before
 * it (`exports`, from `scriptEnv.ts`: read once per command), its own assignments.
 */
interface CommandEnv {
  all: Map<string, string | null>;
  exports: Map<string, string | null | undefined>;
}

function envFor(inst: RunInst, cmd: ShellCommand): CommandEnv {
  const all = variablesAt(inst);
  const exports = inst.run.script ? scriptExports(inst.run.script, cmd, (n) => all.has(n), () => dashText(inst)) : new Map<string, string | null | undefined>();
  for (const [k, v] of exports) {
    if (v === undefined) all.delete(k);
    else all.set(k, v);
  }
  for (const a of cmd.assignments) all.set(a.name, a.value);
  return { all, exports };
}

/**
 * A Go setting: what the command itself or its RUN sets (a prefix, an earlier `export`; null when unreadable),
 * which `go env -w` does not override; else `go env -w`, else ENV and ARG. A RUN that unset it falls through.
 */
function goSetting(stage: Stage, inst: RunInst, cmd: ShellCommand, env: CommandEnv, name: string): string | null | undefined {
  const own = cmd.assignments.find((a) => a.name === name);
  if (own) return own.value;
  const exported = env.exports.get(name);
  return exported !== undefined ? exported : (goEnvWritten(stage, inst, cmd, name) ?? env.all.get(name));
}

/**
 * A Go setting (`CGO_ENABLED`, `GOBIN`…) as `cmd` of `inst` sees it, read as the Go artifacts read it: its
 * prefix or what its RUN exported before it, else `go env -w`, else ENV and ARG. null when it depends on an
 * expansion, undefined when unset. The split planner reads it here too (one source).
 */
export function goSettingOf(inst: RunInst, cmd: ShellCommand, name: string): string | null | undefined {
  return goSetting(inst.stage!, inst, cmd, envFor(inst, cmd), name);
}

/** `go env -w NAME=value` in the chain before `cmd`. */
function goEnvWritten(stage: Stage, inst: RunInst, cmd: ShellCommand, name: string): string | undefined {
  let result: string | undefined;
  for (const { inst: r, cmd: c } of commandsBefore(stage, inst)) {
    if (r === inst && c.start >= cmd.start) break;
    if (c.name !== 'go' || c.args[0]?.value !== 'env' || !c.args.some((a) => a.value === '-w')) continue;
    for (const a of c.args) if (a.value?.startsWith(`${name}=`)) result = a.value.slice(name.length + 1);
  }
  return result;
}

/** `go`/`cargo` `build` or `install`: which, and the arguments after it; null for any other subcommand. */
function buildOrInstall(cmd: ShellCommand): { mode: 'build' | 'install'; args: ShellCommand['args'] } | null {
  const sub = subcommand(cmd);
  const mode = sub?.word.value;
  return mode === 'build' || mode === 'install' ? { mode, args: cmd.args.slice(sub!.index + 1) } : null;
}

const GO_FLAGS_WITH_VALUE = new Set([
  '-o', '-p', '-C', '-ldflags', '-gcflags', '-asmflags', '-gccgoflags', '-tags', '-mod', '-modfile', '-buildmode',
  '-compiler', '-installsuffix', '-overlay', '-pkgdir', '-pgo', '-toolexec', '-coverpkg', '-covermode', '-exec', '-buildvcs',
]);

function goArtifact(inst: RunInst, cmd: ShellCommand): Artifact | null {
  const call = buildOrInstall(cmd);
  if (!call) return null;
  const { mode, args } = call;
  const stage = inst.stage!;
  const operandsList: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) return null;
    if (v.startsWith('-')) {
      const flag = v.replace(/^--/, '-').split('=')[0]!;
      if (!v.includes('=') && GO_FLAGS_WITH_VALUE.has(flag)) i++;
      continue;
    }
    operandsList.push(v);
  }
  const env = envFor(inst, cmd);
  let cwd = cwdOf(inst, cmd);
  const dirFlag = optionValues({ ...cmd, args }, ['-C'])[0];
  if (dirFlag !== undefined) cwd = resolvePath(cwd, dirFlag);

  // Output.
  let dir: string | null = null;
  let name: string | null = null;
  const first = operandsList[0];
  if (operandsList.some((o) => o.includes('...'))) return null;
  if (first === undefined || first === '.') name = null;
  else if (first.endsWith('.go')) name = first.slice(first.lastIndexOf('/') + 1, -3);
  else if (operandsList.length === 1) name = first.replace(/@.*$/, '').replace(/\/+$/, '').split('/').pop() || null;
  else if (mode === 'build') return null; // several packages without -o: the results are discarded
  if (mode === 'build') {
    const o = optionValues({ ...cmd, args }, ['-o', '--o'])[0];
    if (o !== undefined) {
      const resolved = resolvePath(cwd, o);
      if (o.endsWith('/')) dir = resolved;
      else if (resolved !== null) {
        dir = resolved.slice(0, resolved.lastIndexOf('/')) || '/';
        name = resolved.slice(resolved.lastIndexOf('/') + 1);
      } else {
        name = o.includes('$') ? null : o.slice(o.lastIndexOf('/') + 1);
      }
    } else {
      dir = cwd;
    }
  } else {
    const gobin = env.all.get('GOBIN');
    const gopath = env.all.get('GOPATH');
    const facts = stageImageFacts(stage);
    if (gobin) dir = resolvePath('/', gobin);
    else if (gopath) dir = resolvePath('/', `${gopath.split(':')[0]}/bin`);
    else if (facts?.family === 'golang') dir = '/go/bin';
    else dir = null;
    if (first === undefined || first === '.') name = null;
  }

  const label = `go ${mode}`;
  const goflags = goSetting(stage, inst, cmd, env, 'GOFLAGS');
  const strip = goStripOf(args, goflags);
  const base: Omit<Artifact, 'linking' | 'reason' | 'explicit'> = { kind: 'go', inst, cmd, label, dir, name, strip };
  const cgo = goSetting(stage, inst, cmd, env, 'CGO_ENABLED');
  const ldflags = rawOptionText(args, ['-ldflags', '--ldflags']);
  const tags = optionValues({ ...cmd, args }, ['-tags', '--tags']).join(',').split(/[\s,]+/);
  if (cgo === '0') return { ...base, linking: 'static', reason: '', explicit: false };
  if (/(?:^|[\s'"=])-static\b/.test(ldflags)) return { ...base, linking: 'static', reason: '', explicit: false };
  if (tags.includes('netgo') && tags.includes('osusergo')) return { ...base, linking: 'static', reason: '', explicit: false };
  if (cgo === '1') return { ...base, linking: 'dynamic', reason: 'cgoOn', explicit: true };
  if (cgo !== undefined) return { ...base, linking: 'unknown', reason: '', explicit: false };
  // Cross-compiling turns cgo off by default; the build host is taken to be linux/amd64.
  const goos = env.all.get('GOOS');
  const goarch = env.all.get('GOARCH');
  if ((goos !== undefined && goos !== 'linux') || (goarch !== undefined && goarch !== 'amd64')) return { ...base, linking: 'unknown', reason: '', explicit: false };
  const compiler = cCompilerPresent(stage, cmd, inst);
  if (compiler === false && oldAlpineGoLinksMusl(stage)) {
    return { ...base, linking: 'dynamic', reason: 'cgoOldGo', explicit: false };
  }
  if (compiler === false) return { ...base, linking: 'static', reason: '', explicit: false };
  if (compiler === null) return { ...base, linking: 'unknown', reason: '', explicit: false };
  return { ...base, linking: 'dynamic', reason: 'cgoCompiler', explicit: false };
}

/** Text of an option's values, as written when they contain expansions (`-ldflags "-X v=$(git …) -extldflags -static"`). */
function rawOptionText(args: readonly ShellWord[], names: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.value ?? args[i]!.text;
    for (const n of names) {
      if (t === n && args[i + 1]) out.push(args[i + 1]!.value ?? args[i + 1]!.text);
      else if (t.startsWith(`${n}=`)) out.push(t.slice(n.length + 1));
    }
  }
  return out.join(' ');
}

function cArtifact(inst: RunInst, cmd: ShellCommand): Artifact | null {
  const vals = cmd.args.map((a) => a.value);
  if (vals.some((v) => v === '-c' || v === '-S' || v === '-E' || v === '-M' || v === '-MM' || v === '-shared' || v === '--version' || v === '-v' || v === '-dumpmachine')) return null;
  if (!vals.some((v) => v !== null && C_SOURCE.test(v))) return null;
  const cwd = cwdOf(inst, cmd);
  const o = optionValues(cmd, ['-o'])[0] ?? 'a.out';
  const resolved = resolvePath(cwd, o);
  const dir = resolved === null ? null : resolved.slice(0, resolved.lastIndexOf('/')) || '/';
  const name = resolved === null ? (o.includes('$') ? null : o.slice(o.lastIndexOf('/') + 1)) : resolved.slice(resolved.lastIndexOf('/') + 1);
  const isStatic = vals.some((v) => v === '-static' || v === '--static' || v === '-static-pie' || (v !== null && /^-Wl,.*-static\b/.test(v)));
  return {
    kind: 'c',
    inst,
    cmd,
    label: cmd.name!,
    dir,
    name,
    linking: isStatic ? 'static' : 'dynamic',
    reason: 'noStatic',
    explicit: false,
  };
}

const CARGO_FLAGS_WITH_VALUE = new Set(['--target', '--target-dir', '--profile', '--bin', '--example', '-p', '--package', '--features', '-F', '--manifest-path', '-j', '--jobs', '--root', '--path', '--version', '--config', '--color', '--message-format', '--exclude', '-Z']);

function rustArtifact(inst: RunInst, cmd: ShellCommand): Artifact | null {
  const call = buildOrInstall(cmd);
  if (!call) return null;
  const { mode, args } = call;
  const stage = inst.stage!;
  const env = envFor(inst, cmd);
  const one = (names: string[]): string | undefined => optionValues({ ...cmd, args }, names)[0];
  const target = one(['--target']) ?? env.all.get('CARGO_BUILD_TARGET') ?? undefined;
  const rustflags = `${env.all.get('RUSTFLAGS') ?? ''} ${env.all.get('CARGO_ENCODED_RUSTFLAGS') ?? ''}`;
  const facts = stageImageFacts(stage);
  const label = `cargo ${mode}`;
  let dir: string | null = null;
  let name: string | null = one(['--bin']) ?? null;
  const cwd = cwdOf(inst, cmd);
  if (mode === 'build') {
    const targetDirRaw = one(['--target-dir']) ?? env.all.get('CARGO_TARGET_DIR') ?? 'target';
    const targetDir = targetDirRaw === null ? null : resolvePath(cwd, targetDirRaw);
    const profileFlag = one(['--profile']);
    const release = args.some((a) => a.value === '--release' || a.value === '-r');
    const profile = profileFlag ? (profileFlag === 'dev' || profileFlag === 'test' ? 'debug' : profileFlag) : release ? 'release' : 'debug';
    dir = targetDir === null ? null : target && !target.includes('$') ? `${targetDir}/${target}/${profile}` : target ? null : `${targetDir}/${profile}`;
  } else {
    const root = one(['--root']) ?? env.all.get('CARGO_INSTALL_ROOT') ?? env.all.get('CARGO_HOME') ?? (facts?.family === 'rust' ? '/usr/local/cargo' : null);
    dir = root ? resolvePath('/', `${root}/bin`) : null;
    const crate = args.find((a, i) => a.value !== null && !a.value.startsWith('-') && !CARGO_FLAGS_WITH_VALUE.has(args[i - 1]?.value ?? ''));
    if (!name && crate?.value) name = crate.value.replace(/@.*$/, '');
  }
  const base = { kind: 'rust' as const, inst, cmd, label, dir, name, explicit: false };
  if (target?.includes('$')) return { ...base, linking: 'unknown', reason: '' };
  if (/\+crt-static/.test(rustflags)) return { ...base, linking: 'static', reason: '' };
  if (target !== undefined && target !== null) {
    if (target.includes('musl')) return /-crt-static/.test(rustflags) ? { ...base, linking: 'dynamic', reason: 'crtStatic' } : { ...base, linking: 'static', reason: '' };
    return target.includes('linux-gnu') ? { ...base, linking: 'dynamic', reason: 'gnuTarget', target } : { ...base, linking: 'unknown', reason: '' };
  }
  // Without --target the program is built for the host: static on musl hosts (Alpine), glibc-linked elsewhere.
  if (facts?.libc === 'musl') return { ...base, linking: 'static', reason: '' };
  if (facts?.libc === 'glibc') return { ...base, linking: 'dynamic', reason: 'hostTarget' };
  return { ...base, linking: 'unknown', reason: '' };
}

/* ------------------------------------------------------------------------------------------------ */
/* Matching copied paths to build outputs                                                            */
/* ------------------------------------------------------------------------------------------------ */

/** A `COPY --from` source, absolute as BuildKit reads it (relative sources start at the stage's `/`). */
export function copySourcePath(value: string): string | null {
  if (value.includes('$')) return null;
  const trimmed = value.replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '/' : joinPath('/', trimmed);
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * How a copied path relates to a build output: `exact` when it is the program or a directory holding it,
 * `none` when it cannot be, `maybe` when the output is only partly known and the path could be it.
 */
export function matchArtifact(a: Artifact, source: string): 'exact' | 'none' | 'maybe' {
  const hasGlob = /[*?[]/.test(source);
  const re = hasGlob ? globToRegExp(source) : null;
  // Copying the whole root brings the stage's C library along: the program finds what it needs.
  if (source === '/') return 'none';
  const isOrHolds = (full: string): boolean => (re ? re.test(full) || re.test(full.slice(0, full.lastIndexOf('/')) || '/') : full === source || full.startsWith(`${source}/`));
  if (a.dir !== null && a.name !== null) return isOrHolds(`${a.dir === '/' ? '' : a.dir}/${a.name}`) ? 'exact' : 'none';
  if (a.kind === 'rust' && /(?:^|\/)target\/(?:release|debug)\/[^/]+$/.test(source)) {
    return a.name === null || source.endsWith(`/${a.name}`) ? 'exact' : 'none';
  }
  const base = source.slice(source.lastIndexOf('/') + 1);
  if (a.name !== null) {
    if (re ? globToRegExp(base).test(a.name) : base === a.name) return a.dir === null ? 'exact' : 'none';
    return 'none';
  }
  if (a.dir !== null) {
    // The directory the program is written to, or one above it: the program is in what is copied.
    if (source === a.dir || a.dir.startsWith(`${source}/`)) return 'exact';
    const parent = source.slice(0, source.lastIndexOf('/')) || '/';
    return parent === a.dir ? 'maybe' : 'none';
  }
  return looksLikeData(source) ? 'none' : 'maybe';
}

/** Paths that hold data rather than a program (certificates, zone info, configuration, web assets). */
export function looksLikeData(path: string): boolean {
  if (/^\/(?:etc|usr\/share|usr\/include|var)(?:\/|$)/.test(path)) return true;
  if (/\/(?:static|public|assets|templates|config|configs|migrations|node_modules|dist|www|html|docs?)(?:\/|$)/.test(path)) return true;
  return /\.(?:crt|pem|json|ya?ml|toml|conf|ini|env|html?|css|m?js|map|txt|md|sql|xml|png|jpe?g|svg|ico|gif|woff2?|ttf|jar|war|py|rb|php|so(?:\.\d+)*)$/.test(path);
}
