/**
 * Go: build a static binary (`CGO_ENABLED=0`, `-ldflags="-s -w"`) and run it on `scratch` with the CA
 * bundle. A build that asks for cgo (`CGO_ENABLED=1`), installs a C compiler or C libraries for it, or uses
 * build tags or link flags that bring C in keeps cgo as it is and runs on an image with the builder's C
 * library (the slim image of its Debian release, or its Alpine version), never on `scratch`. So does a
 * program whose go.mod (when the adapter knows it) requires a module that needs cgo (go-sqlite3, …).
 */
import { artifactsOf, goSettingOf } from '../model/artifacts.js';
import { installedToolchain, isCCompilerPackage } from '../model/builds.js';
import { optionValues, subcommand } from '../model/commands.js';
import { cgoModulesOf } from '../model/goModules.js';
import { builderHasCaBundle, commandsOf, dynamicRuntime, followMoves, isRefusal, pickArtifact, refuse, scratchRuntime, startProgram, type BuildOutput } from './common.js';
import { basename } from './start.js';
import type { EcosystemPlan, OffsetEdit, Refusal, SplitContext } from './types.js';
import { both } from './messages.js';

/** Build tags that keep a program pure Go. */
const PURE_GO_TAGS = new Set(['netgo', 'osusergo', 'timetzdata', 'static', 'static_build', 'release', 'production', 'prod', 'nomsgpack', 'jsoniter']);

export function planGo(ctx: SplitContext): EcosystemPlan | Refusal {
  const artifacts = artifactsOf(ctx.stage).filter((a) => a.kind === 'go' && a.inst.stage === ctx.stage && !a.inst.onbuild);
  const edits: OffsetEdit[] = [];
  // Cgo is needed, or may be: asked for, C libraries or a C compiler installed for the build, build tags or
  // link flags that bring C in. Then the program keeps cgo and runs on an image with the builder's C library.
  const cLibs = ctx.packages.names.filter((n) => isCCompilerPackage(n) || /^(?:musl-dev|libc6-dev|pkg-config|pkgconf)$/.test(n) || /-(?:dev|devel)$/.test(n));
  let cgo = cLibs.length > 0;
  // go.mod (from the adapter) requires a module that only works with cgo.
  const cgoModules = ctx.buildContext.goMod ? cgoModulesOf(ctx.buildContext.goMod) : [];
  if (cgoModules.length > 0) cgo = true;
  for (const a of artifacts) {
    const { cmd } = a;
    // Read as the model reads it: a prefix, an `export` earlier in the RUN, `go env -w`, ENV or ARG.
    const own = goSettingOf(a.inst, cmd, 'CGO_ENABLED');
    if (own !== undefined && own !== '0' && own !== '1') return refuse('cgoVariable');
    const tags = optionValues(cmd, ['-tags', '--tags']).join(',').split(/[\s,]+/).filter((t) => t !== '');
    const cTags = tags.filter((t) => !PURE_GO_TAGS.has(t));
    const ldflags = optionValues(cmd, ['-ldflags', '--ldflags']).join(' ');
    if (cTags.length > 0 || /-linkmode[= ]external|-extldflags/.test(ldflags)) cgo = true;
    if (a.explicit) cgo = true;
    // A C compiler present when `go build` runs (even one the same RUN purges afterwards) is there for cgo.
    if (installedToolchain(ctx.stage, a.inst, cmd.start, isCCompilerPackage).length > 0) cgo = true;
  }
  // A build already made static (`CGO_ENABLED=0`, `-static`) stays what it is.
  if (artifacts.length > 0 && artifacts.every((a) => a.linking === 'static')) cgo = false;
  for (const a of artifacts) {
    const { cmd, inst } = a;
    if (cgo || a.explicit) {
      // Left as it is.
    } else if (a.linking !== 'static') {
      if (cmd.json) return refuse('goExecForm');
      edits.push({ start: cmd.start, end: cmd.start, text: 'CGO_ENABLED=0 ' });
    }
    const sub = subcommand(cmd);
    const hasLdflags = cmd.args.some((w) => w.value !== null && /^--?ldflags(?:=|$)/.test(w.value));
    if (sub && !hasLdflags) {
      // Exec form: a JSON argument; `["sh", "-c", "…"]`: shell text inside a JSON string.
      const text = cmd.json ? ', "-ldflags=-s -w"' : inst.run.form === 'exec' ? ' -ldflags=\\"-s -w\\"' : ' -ldflags="-s -w"';
      edits.push({ start: sub.word.end, end: sub.word.end, text });
    }
  }
  const program = startProgram(ctx);
  if (typeof program !== 'string') return program;
  const built: BuildOutput[] = artifacts.map((a) => {
    const cwd = ctx.cwdAt(a.inst);
    return { dir: a.dir, name: a.name, ...(a.name === null && cwd !== null && cwd !== '/' ? { guess: basename(cwd) } : {}) };
  });
  // `go install ./...` (GOPATH-era Dockerfiles): one program per main package under the directory, named
  // after its directory; the one at the root is named after the working directory.
  for (const { inst, cmd } of commandsOf(ctx)) {
    if (cmd.name !== 'go' || subcommand(cmd)?.word.value !== 'install' || !cmd.args.some((a) => a.value === './...')) continue;
    const cwd = ctx.cwdAt(inst);
    const setting = (name: string): string | undefined => goSettingOf(inst, cmd, name) ?? undefined;
    const gopath = setting('GOPATH');
    const gobin = setting('GOBIN') ?? (gopath ? `${gopath.split(':')[0]}/bin` : ctx.image?.facts?.family === 'golang' || ctx.image?.official.name === 'golang' ? '/go/bin' : null);
    if (cwd !== null && cwd !== '/' && gobin) built.push({ dir: gobin, name: null, guess: basename(cwd) });
    // Built static like the rest, unless cgo stays or the environment already turns it off.
    const off = goSettingOf(inst, cmd, 'CGO_ENABLED') !== undefined;
    if (!cgo && !off && !cmd.json) edits.push({ start: cmd.start, end: cmd.start, text: 'CGO_ENABLED=0 ' });
  }
  const outputs = followMoves(ctx, built, program);
  const main = pickArtifact(ctx, outputs, program);
  const copies = [main];
  for (const o of built) {
    if (o.dir === null || o.name === null || o.gone) continue;
    const path = `${o.dir === '/' ? '' : o.dir}/${o.name}`;
    if (path !== main.from && !copies.some((c) => c.from === path)) copies.push({ from: path, to: path });
  }
  const why =
    cgoModules.length > 0
      ? both('goModCgo', { modules: cgoModules.map((m) => `\`${m}\``).join(', ') })
      : cLibs.length > 0
        ? both('goCLibs', { packages: cLibs.map((n) => `\`${n}\``).join(', ') })
        : both('goCgo');
  const runtime = cgo ? dynamicRuntime(ctx, both('whatGo', { why })) : scratchRuntime();
  if (isRefusal(runtime)) return runtime;
  if (runtime.staticProgram && ctx.packages.names.includes('tzdata')) copies.push({ from: '/usr/share/zoneinfo', to: '/usr/share/zoneinfo' });
  return {
    ecosystem: 'go',
    runtime,
    edits,
    insertBefore: [],
    builderTail: [],
    copies,
    runtimeEnv: [],
    caBundle: builderHasCaBundle(ctx),
  };
}
