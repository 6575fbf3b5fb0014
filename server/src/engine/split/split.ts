/**
 * The single-stage to multi-stage split: the final stage becomes the build stage (`AS build`, an explicit
 * WORKDIR, build commands tuned for the runtime), and a runtime stage that copies only what runs is
 * inserted after its last RUN. What decides the runtime image and the files copied is per ecosystem
 * (`go.ts`, `c.ts`, `rust.ts`, `node.ts`, `python.ts`, `java.ts`); this module does the shared part:
 * instructions that only matter at run time move to the runtime stage (EXPOSE, USER, LABEL, HEALTHCHECK,
 * ENTRYPOINT, CMD, VOLUME, STOPSIGNAL), ENV and ARG go where they are needed, runtime packages are installed
 * without compilers, and a shell-form CMD/ENTRYPOINT becomes exec form when the runtime has no shell.
 *
 * The edits leave the build stage's text in place (the diff shows only what changes) and never guess a
 * path: a program whose path is not known is copied from a placeholder that `build-in-final-stage`
 * reports until it is replaced.
 *
 * Pure: reads the model only.
 */
import { formatBasis } from '../catalog/basis.js';
import type { From, Run } from 'dockerfile-ast';
import { compileStep } from '../model/builds.js';
import { shippedTip } from '../model/chain.js';
import { copyInfo } from '../model/copies.js';
import { subcommand } from '../model/commands.js';
import { heredocsOf, type DockerfileModel, type Inst, type Stage } from '../model/model.js';
import { joinPath, lastUser, workdirsFrom } from '../model/timeline.js';
import type { BuildContextInfo, Fix } from '../types.js';
import { planC } from './c.js';
import { commandsOf, isRefusal, refuse } from './common.js';
import { both, joinBoth } from './messages.js';
import { planGo } from './go.js';
import { builderImage, isBuildImage, type BuilderImage } from './images.js';
import { planJava } from './java.js';
import { planNode } from './node.js';
import { installCommand, installedPackages, runtimePackages } from './packages.js';
import { isPipInstall, planPython } from './python.js';
import { cargoRunStart, planRust } from './rust.js';
import { parseShell } from '../model/shell.js';
import { logicalShellText } from '../model/shellText.js';
import { carriedContextFiles, contextCopies, inside, lostRunWrites, madeDirs, startCommands, startTools, thirdPartySource } from './runtimeFiles.js';
import { formatBytes } from '../catalog/units.js';
import { splitSaving, type SplitSaving } from '../model/splitEstimate.js';
import { basename, execForm, fullArgv, stageStart, startedProgram, type StartPart } from './start.js';
import type { ArtifactCopy, Ecosystem, EcosystemPlan, OffsetEdit, Refusal, RunInst, SplitContext } from './types.js';

export { PLACEHOLDER } from './common.js';

export const SPLIT_TITLE = 'Split into a build stage and a runtime stage';

/** Below this expected saving a split is not offered: it changes the image's layout for too little. */
export const MIN_SAVING_BYTES = 20_000_000;

/** The part of the fix title that says what the split saves: `≈ −918 MB est.`, `saving not estimated`. */
export function savingLabel(s: SplitSaving): string {
  if (s.unknown.length > 0) return s.bytes > 0 ? `more than ${formatBytes(s.bytes)} smaller, est.` : 'saving not estimated';
  return s.bytes >= 0 ? `≈ −${formatBytes(s.bytes)} est.` : `≈ +${formatBytes(-s.bytes)} est.`;
}

const PLANNERS: Record<Ecosystem, (ctx: SplitContext) => EcosystemPlan | Refusal> = {
  go: planGo,
  c: planC,
  rust: planRust,
  node: planNode,
  python: planPython,
  java: planJava,
};

const LABELS: Record<Ecosystem | 'dotnet', string> = {
  go: 'Go',
  c: 'C/C++',
  rust: 'Rust',
  node: 'Node.js',
  python: 'pip',
  java: 'Maven/Gradle',
  dotnet: '.NET',
};

/** Instructions that only describe how the image runs: they move to the runtime stage. */
const RUNTIME_ONLY = new Set(['EXPOSE', 'LABEL', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME', 'ENTRYPOINT', 'CMD', 'MAINTAINER']);
/** ENV keys that only tune the build; an ENV that sets nothing else stays in the build stage only. */
const BUILD_ENV = /^(?:CGO_ENABLED|GO[A-Z0-9_]*|CARGO_[A-Z0-9_]*|RUSTUP_[A-Z0-9_]*|RUSTFLAGS|RUSTC_[A-Z0-9_]*|DEBIAN_FRONTEND|PIP_[A-Z0-9_]*|NPM_CONFIG_[A-Z0-9_]*|npm_config_\w*|YARN_[A-Z0-9_]*|MAVEN_[A-Z0-9_]*|GRADLE_[A-Z0-9_]*|CC|CXX|CFLAGS|CXXFLAGS|CPPFLAGS|LDFLAGS|MAKEFLAGS|PKG_CONFIG_PATH)$/;
const USER_COMMANDS = new Set(['useradd', 'adduser', 'groupadd', 'addgroup']);
/** Users that images of a family have (the runtime image is of the same family). */
const IMAGE_USERS: Record<string, string[]> = { node: ['node'] };
/** Users the base system of every Debian, Ubuntu and Alpine image has (base-passwd, alpine-baselayout). */
const OS_USERS = new Set(['nobody', 'daemon']);

export type SplitResult = { fix: Fix; ecosystem: Ecosystem; placeholder: boolean; runtimeImage: string; saving: SplitSaving } | Refusal;

/**
 * Splits the final stage into a build stage and a runtime stage, or says why not. The fix is `unsafe`: the
 * runtime image differs and only the program (or application directory) is copied, so files the program
 * reads at run time from elsewhere in the build stage are left behind.
 */
export function planSplit(model: DockerfileModel, context: BuildContextInfo = {}): SplitResult {
  const stage = shippedTip(model);
  if (!stage) return refuse('noFrom');
  // A last `test` stage builds FROM the tip: the runtime stage a split appends would come after it.
  if (stage !== model.stages[model.stages.length - 1]) return refuse('testStage', { name: stage.name ?? String(stage.index) });
  if (stage.parent) return refuse('parentStage', { name: stage.parent.name ?? '' });
  if (stage.instructions.some((i) => i.onbuild || i.keyword === 'ONBUILD')) return refuse('onbuild');
  const runs = stage.instructions.filter((i): i is RunInst => i.run !== undefined);
  if (runs.some((r) => !r.run.posix || !r.run.script)) return refuse('notPosix');
  if (runs.some((r) => r.run.script!.hasError)) return refuse('runUnparsed');
  const openHeredoc = (i: Inst): boolean => 'getHeredocs' in i.node && heredocsOf(i.node as Run).some((h) => h.getDelimiterRange() === null);
  if (stage.instructions.some(openHeredoc)) {
    return refuse('heredocOpen');
  }
  const lastRun = runs[runs.length - 1];
  if (!lastRun) return refuse('noRun');

  const image = builderImage(model, stage);
  const { eol } = model;
  const lower = model.text.slice(stage.fromInst.start, stage.fromInst.start + 4) === 'from';
  const kw = (k: string): string => (lower ? k.toLowerCase() : k);

  // Working directories: an explicit WORKDIR goes after FROM when files arrive or the build runs in the
  // image's default directory (a RUN that only installs packages does not depend on it).
  const firstContent = stage.instructions.find(
    (i) => i.keyword === 'COPY' || i.keyword === 'ADD' || (i.run?.script?.commands.some((c) => compileStep(i as RunInst, c) !== null || c.name === 'npm') ?? false),
  );
  const firstWorkdir = stage.instructions.find((i) => i.keyword === 'WORKDIR');
  const defaultDir = imageDefaultDir(image);
  const insertWorkdir = firstContent && (!firstWorkdir || firstWorkdir.start > firstContent.start) ? (defaultDir && defaultDir !== '/' ? defaultDir : '/src') : null;
  const dirs = workdirs(stage, insertWorkdir ?? defaultDir);
  const splitOffset = lineAfter(model, lastRun.end);
  const workdir = dirs.at(splitOffset);
  const startDir = dirs.at(Infinity);
  if (workdir === null || startDir === null) return refuse('workdirUnknown');

  const pkgs = installedPackages(runs);
  if (isRefusal(pkgs)) return pkgs;
  let start = stageStart(model, stage.instructions);
  // `cargo run` at start: the program it runs, started directly (the runtime stage has no cargo).
  const cargoRun = cargoRunStart(model, stage, start, context, startDir, (inst) => dirs.at(inst.start));
  if (cargoRun && isRefusal(cargoRun)) return cargoRun;
  if (cargoRun) start = cargoRun.start;
  const buildName = stageName(model, stage);
  const ctx: SplitContext = {
    model,
    stage,
    image,
    runs,
    workdir,
    cwdAt: (inst) => dirs.at(inst.start),
    startDir,
    appDirs: appDirs(model, stage, splitOffset, [workdir, startDir]),
    start,
    packages: pkgs,
    buildName,
    kw,
    buildContext: context,
  };

  const ecosystem = detectEcosystem(ctx);
  if (typeof ecosystem !== 'string') return ecosystem;
  const plan = PLANNERS[ecosystem](ctx);
  if (isRefusal(plan)) return plan;
  const { runtime } = plan;
  const runtimeName = runtime.image === 'scratch' ? '`scratch`' : `\`${runtime.image}\``;

  // What the runtime stage starts must run there.
  const conversions = new Map<Inst, string>();
  if (cargoRun) conversions.set(cargoRun.part.inst, cargoRun.text);
  const programs = new Set(plan.copies.map((c) => c.to));
  if (!runtime.hasShell) {
    for (const part of [start.entrypoint, start.cmd, start.healthcheck]) {
      if (!part) continue;
      if (!part.argv || part.needsShell) return refuse('startNoShell', { keyword: part.keyword, why: part.needsShell ?? both('cannotRead'), runtime: runtimeName });
      if (!part.exec) conversions.set(part.inst, execForm(part.argv));
      // A CMD after an ENTRYPOINT only gives it arguments.
      if (part === start.cmd && start.entrypoint) continue;
      const program = part.argv[0]!;
      if (/\.(?:sh|bash|py|pl|rb)$/.test(program)) return refuse('startScript', { keyword: part.keyword, program, runtime: runtimeName });
      const path = program.includes('/') ? joinPath(startDir, program) : `/usr/local/bin/${program}`;
      if (!programs.has(path)) return refuse('startMissing', { keyword: part.keyword, program, runtime: runtimeName });
    }
  }


  // Runtime packages.
  let packages: string[] = [];
  if (!runtime.staticProgram && pkgs.names.length > 0) {
    const wanted = runtimePackages(plan.ecosystem === 'java' ? { ...pkgs, names: pkgs.names.filter((n) => !/-(?:dev|devel)$/.test(n)) } : pkgs, runtime.release);
    if (isRefusal(wanted)) return wanted;
    packages = wanted;
  }
  const health = start.healthcheck ? model.text.slice(start.healthcheck.start, start.healthcheck.end) : '';
  for (const tool of ['curl', 'wget']) {
    if (runtime.packageManager && new RegExp(`(?:^|[\\s"'/;&|])${tool}\\b`).test(health) && !packages.includes(tool)) packages.push(tool);
  }
  // The tools the start command and healthcheck run.
  const tools = startTools(startCommandNames(model, start), pkgs.names, runtime.image, runtime.packageManager === 'apt');
  if (isRefusal(tools)) return tools;
  // A start script's text is not in the Dockerfile: the tools the build installed that scripts call stay.
  const started = startedProgram(start)?.program ?? '';
  if (/\.(?:sh|bash)$/.test(started) && pkgs.names.includes('git')) tools.keep.push('git');
  if (runtime.packageManager) for (const t of tools.keep) if (!packages.includes(t)) packages.push(t);
  if (packages.length > 0 && runtime.packageManager !== pkgs.manager && pkgs.manager !== null) {
    return refuse('packagesOtherManager', { packages: packages.map((p) => `\`${p}\``).join(', '), manager: pkgs.manager, runtime: runtimeName, runtimeManager: runtime.packageManager ?? both('noManager') });
  }
  const thirdParty = thirdPartySource(ctx, packages, runtime.image);
  if (thirdParty) return thirdParty;

  // Files the program needs at run time besides itself.
  const copies = runtimeCopies(ctx, plan, splitOffset);
  if (isRefusal(copies)) return copies;
  // Never a placeholder: a Dockerfile that does not build is worse than no fix. A program the build does not
  // write may still be there: a context file carried over (an entrypoint script), inside a copied directory,
  // or a tool the runtime stage installs.
  for (const c of plan.copies) {
    if (!c.placeholder) continue;
    if (copies.some((x) => inside(c.to, x.to)) || packages.includes(basename(c.to))) continue;
    const program = startedProgram(start)?.program ?? c.to;
    return refuse('programUnknown', { program, copy: kw('COPY'), build: buildName, name: basename(program), to: c.to });
  }

  // Worth it? What stays behind must outweigh what the split adds.
  const saving = splitSaving(model, stage, {
    builderFacts: image?.facts ?? null,
    builderText: image?.ref.text ?? stage.imageText,
    builderIsToolchain: isBuildImage(image),
    runtimeImage: runtime.image,
    prefix: image?.prefix ?? '',
    runtimePackages: packages,
    runtimeNoRecommends: pkgs.noRecommends,
    installed: pkgs.names,
    manager: pkgs.manager,
    addsVenv: plan.addsVenv === true,
  });
  if (saving.unknown.length === 0 && saving.bytes < MIN_SAVING_BYTES) {
    const net = saving.bytes < 0 ? both('netBigger', { size: formatBytes(-saving.bytes) }) : both('netSave', { size: formatBytes(saving.bytes) });
    return refuse('notWorthIt', { net, basis: { en: formatBasis(saving.basis, 'en'), 'zh-cn': formatBasis(saving.basis, 'zh-cn') }, min: formatBytes(MIN_SAVING_BYTES) });
  }

  // Instructions of the build stage: stay, move to the runtime stage, or both.
  const moved: Inst[] = [];
  const duplicated = new Set<Inst>();
  const envCopies: Inst[] = [];
  const userCommands: string[] = [];
  for (const inst of stage.instructions) {
    if (inst.start >= splitOffset) break;
    if (RUNTIME_ONLY.has(inst.keyword)) moved.push(inst);
    else if (inst.keyword === 'USER') {
      const laterBuild = stage.instructions.some((i) => i.start > inst.start && i.start < splitOffset && (i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD'));
      moved.push(inst);
      if (laterBuild) duplicated.add(inst);
    } else if (inst.keyword === 'ENV') {
      const keys = (inst.node as unknown as { getProperties(): { getName(): string }[] }).getProperties().map((p) => p.getName());
      if (!keys.every((k) => BUILD_ENV.test(k))) envCopies.push(inst);
    }
  }
  const runtimeUser = lastUser(stage)?.value.trim().split(':')[0] ?? null;
  let copyPasswd = false;
  if (runtimeUser !== null && !/^(?:root|0|\d+)$/.test(runtimeUser)) {
    // The runtime image of Node.js and Python builds is of the builder's family, with the same users.
    const family = image?.facts?.family ?? '';
    const known =
      ((plan.ecosystem === 'node' || plan.ecosystem === 'python') && (IMAGE_USERS[family] ?? []).includes(runtimeUser)) ||
      (runtime.packageManager !== null && OS_USERS.has(runtimeUser));
    if (!known) {
      for (const { cmd } of commandsOf(ctx)) {
        if (!cmd.name || !USER_COMMANDS.has(cmd.name)) continue;
        userCommands.push(model.text.slice(cmd.start, cmd.end).replace(/\s*\\\r?\n\s*/g, ' '));
      }
      const creates = userCommands.some((c) => new RegExp(`(?:^|\\s)${runtimeUser.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s|$)`).test(c));
      if (!creates) return refuse('userMissing', { user: runtimeUser, runtime: runtimeName });
      if (!runtime.hasShell) {
        copyPasswd = true;
        userCommands.length = 0;
      }
    }
  }

  // The runtime stage, inserted after the last RUN.
  const from = (path: string, to: string): string => `${kw('COPY')} --from=${buildName} ${path} ${to}`;
  const header: string[] = [`${kw('FROM')} ${runtime.image}`];
  const body: string[] = [];
  for (const e of envCopies) body.push(model.text.slice(e.start, e.end));
  if (packages.length > 0 && runtime.packageManager) body.push(`${kw('RUN')} ${installCommand(runtime.packageManager, packages, pkgs.noRecommends)}`);
  if (userCommands.length > 0) body.push(`${kw('RUN')} ${userCommands.join(' && ')}`);
  body.push(...plan.runtimeEnv);
  const caInstalled = packages.includes('ca-certificates');
  if (plan.caBundle && !caInstalled) body.push(from('/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/'));
  if (copyPasswd) body.push(from('/etc/passwd', '/etc/passwd'), from('/etc/group', '/etc/group'));
  if (workdir !== '/') body.push(`${kw('WORKDIR')} ${workdir}`);
  for (const c of copies) body.push(c.instruction ?? from(c.from, c.to));

  const edits: OffsetEdit[] = [];
  const movedText: string[] = [];
  for (const inst of moved) {
    const { start: s, end: e } = instructionLines(model, inst);
    let text = model.text.slice(s, e);
    if (partOf(start, inst)) text = rewriteStart(text, plan.startRewrites);
    const conv = conversions.get(inst);
    if (conv !== undefined) {
      const part = partOf(start, inst)!;
      text = text.slice(0, part.start - s) + conv + text.slice(part.end - s);
      conversions.delete(inst);
    }
    // A lone CR ends a line too: adding a line feed after it would make a CRLF the file never had.
    if (!/[\r\n]$/.test(text)) text += eol;
    movedText.push(text);
    if (!duplicated.has(inst)) edits.push({ start: s, end: e, text: '' });
  }
  // Conversions of instructions that stay where they are (after the last RUN).
  for (const [inst, conv] of conversions) {
    const part = partOf(start, inst)!;
    edits.push({ start: part.start, end: part.end, text: conv });
  }
  for (const part of [start.entrypoint, start.cmd, start.healthcheck]) {
    if (!part || part.inst.start < splitOffset || [...conversions.keys()].includes(part.inst)) continue;
    const raw = model.text.slice(part.start, part.end);
    const rewritten = rewriteStart(raw, plan.startRewrites);
    if (rewritten !== raw) edits.push({ start: part.start, end: part.end, text: rewritten });
  }

  // ARGs the runtime stage refers to.
  const runtimeText = [...body, ...movedText, model.text.slice(splitOffset)].join('\n');
  const argLines: string[] = [];
  for (const [name, inst] of argsBefore(stage, splitOffset, model)) {
    if (!new RegExp(`\\$\\{?${name}\\b`).test(runtimeText)) continue;
    argLines.push(inst ? model.text.slice(inst.start, inst.end) : `${kw('ARG')} ${name}`);
  }

  // The build stage: a name, an explicit WORKDIR, tuned commands, new steps.
  const fromNode = stage.from as From;
  if (stage.name === null) {
    const imageArg = fromNode.getArguments()[0];
    if (!imageArg) return refuse('noImage');
    const at = model.lines.offsetAt(imageArg.getRange().end);
    edits.push({ start: at, end: at, text: ` ${kw('AS')} ${buildName}` });
  }
  if (insertWorkdir !== null) edits.push({ start: stage.fromInst.end, end: stage.fromInst.end, text: `${eol}${kw('WORKDIR')} ${insertWorkdir}` });
  edits.push(...plan.edits);
  for (const ins of plan.insertBefore) edits.push({ start: ins.offset, end: ins.offset, text: ins.lines.map((l) => `${l}${eol}`).join('') });

  let insertion = '';
  const atEnd = splitOffset === model.text.length && !/[\r\n]$/.test(model.text);
  if (atEnd) insertion += eol;
  for (const t of plan.builderTail) insertion += `${t}${eol}`;
  insertion += eol;
  insertion += [...header, ...argLines, ...body].map((l) => `${l}${eol}`).join('');
  insertion += movedText.join('');
  if (atEnd) insertion = insertion.replace(/(\r\n|\r|\n)$/, '');
  edits.push({ start: splitOffset, end: splitOffset, text: insertion });

  return {
    ecosystem: plan.ecosystem,
    placeholder: false,
    saving,
    runtimeImage: runtime.image,
    fix: {
      title: `${SPLIT_TITLE}: runs on \`${runtime.image}\` (${savingLabel(saving)})`,
      safety: 'unsafe',
      edits: mergeEdits(edits).map((e) => ({ range: model.lines.range(e.start, e.end), newText: e.text })),
    },
  };
}

/** Which ecosystem the final stage builds with, or why none can be chosen. */
function detectEcosystem(ctx: SplitContext): Ecosystem | Refusal {
  const found = new Set<Ecosystem | 'dotnet'>();
  for (const { inst, cmd } of commandsOf(ctx)) {
    const step = compileStep(inst, cmd);
    if (step) {
      const kind = step.kind;
      found.add(kind === 'make' ? 'c' : kind === 'maven' || kind === 'gradle' || kind === 'javac' ? 'java' : kind === 'pip' ? 'python' : kind);
      continue;
    }
    if (cmd.name === 'go' && subcommand(cmd)?.word.value === 'install') found.add('go');
    else if (cmd.name === 'cargo' && subcommand(cmd)?.word.value === 'install') found.add('rust');
    else if (cmd.name === 'npm' && ['install', 'i', 'ci', 'add'].includes(cmd.args.find((a) => a.value !== null && !a.value.startsWith('-'))?.value ?? '')) found.add('node');
    else if (isPipInstall(cmd)) found.add('python');
  }
  if (found.size > 1) found.delete('c');
  const list = [...found];
  if (list.length === 0) return refuse('noEcosystem');
  if (list.length > 1) {
    const names = list.map((e) => LABELS[e]);
    const last = names.pop()!;
    return names.length === 1 ? refuse('ecosystemsTwo', { first: names[0]!, last }) : refuse('ecosystemsMany', { list: joinBoth(names), last });
  }
  if (list[0] === 'dotnet') return refuse('dotnet');
  return list[0]!;
}

/**
 * Directories that hold the application in the build stage: the working directory of the build and the one
 * the container starts in, when files are put there before the split (a COPY/ADD, or a RUN or WORKDIR that
 * names the directory). `/` is never one: it cannot be copied as a whole.
 */
function appDirs(model: DockerfileModel, stage: Stage, splitOffset: number, candidates: string[]): string[] {
  const before = stage.instructions.filter((i) => i.start < splitOffset && !i.onbuild);
  const out: string[] = [];
  for (const dir of candidates) {
    if (dir === '/' || out.includes(dir)) continue;
    const used = before.some((i) => {
      if (i.keyword === 'COPY' || i.keyword === 'ADD') return true;
      if (i.keyword !== 'RUN' && i.keyword !== 'WORKDIR') return false;
      const text = model.text.slice(i.start, i.end);
      return text.includes(dir);
    });
    if (used) out.push(dir);
  }
  return out;
}

/** The working directory an image starts in, when known: `/go` for golang, `/` for the rest of the catalog. */
function imageDefaultDir(image: BuilderImage | null): string | null {
  const facts = image?.facts;
  if (!facts || facts.libc === 'windows') return null;
  if (facts.family === 'golang') return '/go';
  if (facts.family === 'php') return '/var/www/html';
  return '/';
}

/**
 * Working directories along the stage of the file after the split's edit (it starts in `initial`): the one in
 * force at an offset (null when unknown), from the model's timeline (`workdirsFrom`).
 */
function workdirs(stage: Stage, initial: string | null): { at(offset: number): string | null } {
  const changes = workdirsFrom(stage, initial).map(({ inst, dir }) => ({ offset: inst.end, dir }));
  return {
    at(offset: number): string | null {
      let d = initial;
      for (const c of changes) if (c.offset <= offset) d = c.dir;
      return d;
    },
  };
}

/** The name of the build stage: its own, else `build` (or another free name). */
function stageName(model: DockerfileModel, stage: Stage): string {
  const own = (stage.from as From).getBuildStage();
  if (own) return own;
  const taken = new Set(model.stages.map((s) => s.name));
  return ['build', 'builder', 'build-stage'].find((n) => !taken.has(n)) ?? `build-${model.stages.length}`;
}

/** The offset where the line after `offset`'s line starts (or the end of the text). */
function lineAfter(model: DockerfileModel, offset: number): number {
  const line = model.lines.positionAt(offset).line;
  return line + 1 < model.lines.lineCount ? model.lines.starts[line + 1]! : model.text.length;
}

/** An instruction with the line break that ends it (comment lines above it stay where they are). */
function instructionLines(model: DockerfileModel, inst: Inst): { start: number; end: number } {
  return { start: inst.start, end: lineAfter(model, inst.end) };
}

function partOf(start: ReturnType<typeof stageStart>, inst: Inst): StartPart | null {
  return [start.entrypoint, start.cmd, start.healthcheck].find((p) => p?.inst === inst) ?? null;
}

/** ARGs declared before `offset`: stage ARGs with their instruction, then global ones (null instruction). */
function argsBefore(stage: Stage, offset: number, model: DockerfileModel): Map<string, Inst | null> {
  const out = new Map<string, Inst | null>();
  for (const i of stage.instructions) {
    if (i.start >= offset) break;
    if (i.keyword !== 'ARG' || i.onbuild) continue;
    for (const p of (i.node as unknown as { getProperties(): { getName(): string }[] }).getProperties()) out.set(p.getName(), i);
  }
  for (const name of model.globalArgs.keys()) if (!out.has(name)) out.set(name, null);
  return out;
}

/** Edits that start at the same offset become one (the fixer treats them as overlapping). */
function mergeEdits(edits: OffsetEdit[]): OffsetEdit[] {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || (a.end - a.start) - (b.end - b.start) || a.i - b.i);
  const out: OffsetEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === e.start) {
      last.end = Math.max(last.end, e.end);
      last.text += e.text;
      continue;
    }
    out.push({ start: e.start, end: e.end, text: e.text });
  }
  return out;
}


/** `text` with the start command's words rewritten (exact words, bounded by quotes, spaces or the ends). */
function rewriteStart(text: string, rewrites: readonly { from: string; to: string }[] | undefined): string {
  let out = text;
  for (const r of rewrites ?? []) {
    out = out.replace(new RegExp(`(?<![\\w/.-])${r.from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w/.-])`, 'g'), r.to);
  }
  return out;
}

/** The command names the start command and healthcheck run (every command of a shell form or of `sh -c`). */
function startCommandNames(model: DockerfileModel, start: ReturnType<typeof stageStart>): string[] {
  const names: (string | null)[] = [];
  for (const part of [start.entrypoint, start.cmd, start.healthcheck]) {
    if (!part) continue;
    if (part === start.cmd && start.entrypoint?.argv && start.entrypoint.exec) continue; // arguments of the ENTRYPOINT
    const argv = part.argv;
    let shellText: string | null = null;
    if (argv && argv.length >= 3 && /^(?:\/bin\/|\/usr\/bin\/)?(?:sh|bash|ash|dash)$/.test(argv[0]!) && argv[1] === '-c') shellText = argv[2]!;
    else if (!argv) shellText = model.text.slice(part.start, part.end);
    if (argv) names.push(argv[0] ?? null);
    if (shellText !== null) for (const c of parseShell(logicalShellText(shellText, model.escapeChar)).commands) names.push(c.name);
  }
  return startCommands(names);
}

/**
 * What the runtime stage copies: the ecosystem's copies, plus, for compiled programs, the directory the
 * container starts in when the build context lies there (the program may read `views/`, `conf/`, a config
 * named on its command line relative to it), context files put outside the build's directories (an
 * entrypoint script, `/etc/app.conf`) and directories `mkdir` made. A refusal when a RUN writes files
 * outside what the runtime stage gets (`ln -s`, `make install`, `ldconfig`, `> /etc/…`).
 */
function runtimeCopies(ctx: SplitContext, plan: EcosystemPlan, splitOffset: number): ArtifactCopy[] | Refusal {
  const fromContext = contextCopies(ctx, splitOffset);
  if (isRefusal(fromContext)) return fromContext;
  let copies = plan.copies.filter((c) => !c.placeholder);
  if (plan.ecosystem === 'go' || plan.ecosystem === 'c') {
    const dirs: string[] = [];
    for (const c of fromContext) {
      if (!c.dir || !inside(ctx.startDir, c.dest)) continue;
      if (ctx.startDir === '/') return refuse('startsInRoot');
      if (!dirs.includes(ctx.startDir)) dirs.push(ctx.startDir);
    }
    for (const w of fullArgv(ctx.start) ?? []) {
      if (!w.startsWith('/')) continue;
      const c = fromContext.find((x) => x.dir && x.dest !== '/' && inside(w, x.dest));
      if (c && !dirs.some((d) => inside(c.dest, d))) dirs.push(c.dest);
    }
    copies = [...dirs.map((d) => ({ from: d, to: d })), ...copies.filter((c) => !(c.from === c.to && dirs.some((d) => inside(c.to, d))))];
  } else if (plan.ecosystem === 'rust') {
    // The directory the container starts in holds the build context (`config.toml`, `templates/`, `static/`
    // read relative to it) and cargo's `target/` (hundreds of MB): the runtime stage copies the context again,
    // with the same instructions, and the program on top.
    const again: ArtifactCopy[] = [];
    for (const c of fromContext) {
      if (!c.dir || !inside(ctx.startDir, c.dest)) continue;
      if (ctx.startDir === '/') return refuse('startsInRoot');
      // A relative destination means the same only where the runtime stage's WORKDIR is the instruction's.
      const esc = ctx.model.escapeChar.replace(/[\\`]/g, '\\$&');
      const text = ctx.model.text.slice(c.inst.start, c.inst.end).replace(new RegExp(`\\s*${esc}\\r?\\n\\s*`, 'g'), ' ');
      if (again.some((a) => a.instruction === text)) continue;
      if (!(copyInfo(ctx.model, c.inst)?.dest?.value ?? '').startsWith('/') && ctx.cwdAt(c.inst) !== ctx.workdir) return refuse('relativeCopy', { copy: text });
      again.push({ from: c.dest, to: c.dest, instruction: text });
    }
    copies = [...again, ...copies];
  }
  const buildDirs = [ctx.workdir, ...ctx.runs.map((r) => ctx.cwdAt(r)).filter((d): d is string => d !== null && d !== '/')];
  const loose = fromContext.filter((c) => !c.dir && !buildDirs.some((d) => d !== '/' && inside(c.dest, d)));
  copies.push(...carriedContextFiles(ctx, loose, copies.map((c) => c.to)));
  const keep = (p: string): boolean => copies.some((c) => inside(p, c.from)) || ctx.appDirs.some((d) => inside(p, d));
  const lost = lostRunWrites(ctx, keep);
  if (lost) return lost;
  for (const d of madeDirs(ctx, keep)) copies.push({ from: d, to: d });
  return copies;
}
