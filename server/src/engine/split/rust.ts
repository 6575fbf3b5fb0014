/**
 * Rust: when the build stage installs a musl target (`rustup target add x86_64-unknown-linux-musl`), build
 * for it (`--target`) and run the static binary on `scratch`; a build that is static already (musl target,
 * `+crt-static`, an Alpine builder) does too. Otherwise the glibc-linked binary runs on the slim image of the
 * builder's Debian release. The CA bundle is copied from the build stage either way.
 */
import { artifactsOf } from '../model/artifacts.js';
import { cargoRunTarget } from '../model/cargoManifest.js';
import { copyInfo } from '../model/copies.js';
import { envAt } from '../model/timeline.js';
import type { DockerfileModel, Inst, Stage } from '../model/model.js';
import type { BuildContextInfo } from '../types.js';
import { optionValues, subcommand } from '../model/commands.js';
import { joinPath } from '../model/timeline.js';
import { absolute, builderHasCaBundle, commandsOf, dynamicRuntime, expandVars, isRefusal, pickArtifact, refuse, scratchRuntime, startProgram, type BuildOutput } from './common.js';
import { basename, execForm, type StartCommand, type StartPart } from './start.js';
import type { EcosystemPlan, OffsetEdit, Refusal, SplitContext } from './types.js';
import { both } from './messages.js';

const CARGO_UNKNOWN = { workspace: 'cargoWorkspace', noPackage: 'cargoNoPackage', bins: 'cargoBins' } as const;

/** The musl target that `rustup target add` installs in the stage, if any. */
function muslTarget(ctx: SplitContext): string | null {
  for (const { cmd } of commandsOf(ctx)) {
    if (cmd.name !== 'rustup') continue;
    const vals = cmd.args.map((a) => a.value);
    if (vals[0] !== 'target' || (vals[1] !== 'add' && vals[1] !== 'install')) continue;
    const t = vals.slice(2).find((v) => v !== null && /^[a-z0-9_]+-unknown-linux-musl\w*$/.test(v));
    if (t) return t;
  }
  return null;
}

export function planRust(ctx: SplitContext): EcosystemPlan | Refusal {
  const artifacts = artifactsOf(ctx.stage).filter((a) => a.kind === 'rust' && a.inst.stage === ctx.stage && !a.inst.onbuild);
  const musl = muslTarget(ctx);
  const program = startProgram(ctx);
  if (typeof program !== 'string') return program;
  const edits: OffsetEdit[] = [];
  /** Outputs as built after the changes (musl builds moved to the target's directory), and as built before. */
  const moved: BuildOutput[] = [];
  const unmoved: BuildOutput[] = [];
  let allStatic = artifacts.length > 0;
  for (const a of artifacts) {
    const sub = subcommand(a.cmd);
    // `cargo install --path .` names the program after the package (Cargo.toml, not in the Dockerfile) and
    // puts it in a directory on PATH: a program the image starts by bare name is taken to be it.
    const installed = sub?.word.value === 'install' && a.name === null && !program.includes('/');
    const output: BuildOutput = { dir: a.dir, name: a.name, ...(installed ? { guess: program } : {}) };
    unmoved.push(output);
    const buildsForHost = sub?.word.value === 'build' && optionValues(a.cmd, ['--target']).length === 0 && !a.cmd.assignments.some((x) => x.name === 'CARGO_BUILD_TARGET');
    if (a.linking !== 'static' && musl && buildsForHost && a.dir !== null) {
      const profile = a.dir.slice(a.dir.lastIndexOf('/') + 1);
      const targetDir = a.dir.slice(0, a.dir.lastIndexOf('/')) || '/';
      const musled: BuildOutput = { ...output, movedDir: joinPath(targetDir, `${musl}/${profile}`) };
      // Only when the started program is this output: a program found elsewhere would not move with it.
      if (!pickArtifact(ctx, [musled], program).placeholder) {
        edits.push({ start: sub!.word.end, end: sub!.word.end, text: a.cmd.json ? `, "--target", ${JSON.stringify(musl)}` : ` --target ${musl}` });
        moved.push(musled);
        continue;
      }
    }
    if (a.linking !== 'static') allStatic = false;
    moved.push(output);
  }
  const runtime = allStatic ? scratchRuntime() : dynamicRuntime(ctx, both('whatRust'));
  if (isRefusal(runtime)) return runtime;
  const copy = pickArtifact(ctx, allStatic ? moved : unmoved, program);
  return {
    ecosystem: 'rust',
    runtime,
    edits: allStatic ? edits : [],
    insertBefore: [],
    builderTail: [],
    copies: [copy],
    runtimeEnv: [],
    caBundle: builderHasCaBundle(ctx),
  };
}

/** Options of `cargo run` that change nothing about which binary runs or how it was built. */
const CARGO_RUN_HARMLESS = new Set(['-q', '--quiet', '-v', '-vv', '--verbose', '--locked', '--frozen', '--offline']);
const CARGO_RUN_HARMLESS_VALUE = new Set(['--color']);

/**
 * `CMD ["cargo", "run", "--release"]` starts the program cargo built, through cargo (which the runtime image
 * does not have, and which would build it again there). The start command the split writes runs that program
 * directly: `<start directory>/target/<profile>/<binary>`, with the arguments after `--`. The binary's name
 * comes from Cargo.toml (`BuildContextInfo.cargoToml`), which must be the manifest of the directory the
 * container starts in (the build context copied there). Null when the image does not start `cargo run`;
 * a refusal when it does and the program is not known.
 */
export function cargoRunStart(model: DockerfileModel, stage: Stage, start: StartCommand, context: BuildContextInfo, startDir: string, cwdAt: (inst: Inst) => string | null): { start: StartCommand; part: StartPart; text: string } | Refusal | null {
  const part = start.entrypoint ?? start.cmd;
  if (!part || part.program === null || basename(part.program) !== 'cargo') return null;
  if (start.entrypoint && start.cmd && start.entrypoint.exec) return refuse('cargoEntrypoint');
  const argv = part.argv;
  if (!argv || argv[1] !== 'run') return null;
  if (context.cargoToml === undefined) return refuse('cargoTomlUnknown');
  if (context.cargoToml === null) return refuse('cargoTomlMissing');
  const sep = argv.indexOf('--');
  const flags = sep < 0 ? argv.slice(2) : argv.slice(2, sep);
  const args = sep < 0 ? [] : argv.slice(sep + 1);
  let profile = 'debug';
  let bin: string | null = null;
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    if (f === '--release' || f === '-r') profile = 'release';
    else if (f === '--bin' && flags[i + 1] !== undefined) bin = flags[++i]!;
    else if (f.startsWith('--bin=')) bin = f.slice('--bin='.length);
    else if (CARGO_RUN_HARMLESS.has(f)) continue;
    else if (CARGO_RUN_HARMLESS_VALUE.has(f) && flags[i + 1] !== undefined) i++;
    else if (CARGO_RUN_HARMLESS_VALUE.has(f.split('=')[0]!) && f.includes('=')) continue;
    else return refuse('cargoFlag', { flag: f });
  }
  const built = artifactsOf(stage).some((a) => a.kind === 'rust' && a.inst.stage === stage && !a.inst.onbuild && subcommand(a.cmd)?.word.value === 'build' && a.dir !== null && a.dir.endsWith(`/target/${profile}`));
  if (!built) return refuse('cargoNotBuilt', { release: profile === 'release' ? ' --release' : '', profile });
  const target = cargoRunTarget(context.cargoToml, bin);
  if ('unknown' in target) return refuse('cargoTarget', { why: both(CARGO_UNKNOWN[target.unknown]) });
  // The manifest read is the context root's: it must be the one in the directory cargo runs in.
  const ctxAtStart = stage.instructions.some((i) => {
    const info = copyInfo(model, i);
    if (!info || info.from || info.heredoc || i.onbuild || info.sources.length !== 1 || !['.', './'].includes(info.sources[0]!.value ?? '')) return false;
    const cwd = cwdAt(i);
    const dest = expandVars(info.dest?.value ?? null, i);
    return cwd !== null && dest !== null && absolute(cwd, dest) === startDir;
  });
  if (!ctxAtStart) return refuse('cargoDir');
  const env = envAt(stage.instructions[stage.instructions.length - 1]!);
  if (env.has('CARGO_TARGET_DIR') || env.has('CARGO_BUILD_TARGET')) return refuse('cargoTargetDir');
  const program = joinPath(startDir, `target/${profile}/${target.bin}`);
  const newArgv = [program, ...args];
  const replaced: StartPart = { ...part, exec: true, argv: newArgv, needsShell: null, program };
  const next: StartCommand = { ...start, [part.keyword === 'ENTRYPOINT' ? 'entrypoint' : 'cmd']: replaced };
  return { start: next, part, text: execForm(newArgv) };
}
