/** Helpers shared by the ecosystem planners. */
import { CATALOG_DATE } from '../catalog/images.js';
import { debianReleaseOfTag, endedBefore } from '../catalog/releases.js';
import type { ShellCommand } from '../model/shell.js';
import type { Inst } from '../model/model.js';
import { imageHasCaBundle } from '../model/stageFacts.js';
import { expandAt, joinPath } from '../model/timeline.js';
import { distroRuntime } from './images.js';
import { refuse, type SplitArg } from './messages.js';
import { basename, startedProgram } from './start.js';
import type { ArtifactCopy, Refusal, RunInst, RuntimeChoice, SplitContext } from './types.js';

/** Marks where the user must write the path of the program the build produces. */
export const PLACEHOLDER = '/REPLACE-WITH-ARTIFACT-PATH';

export { refuse };

export function isRefusal<T extends object>(x: T | Refusal): x is Refusal {
  return 'reason' in x && 'zh' in x && Object.keys(x).length === 2;
}

/** Every command of the stage's RUNs that runs where it is written (not in `$(…)` or a function). */
export function commandsOf(ctx: SplitContext): { inst: RunInst; cmd: ShellCommand }[] {
  const out: { inst: RunInst; cmd: ShellCommand }[] = [];
  for (const inst of ctx.runs) for (const cmd of inst.run.script?.commands ?? []) if (!cmd.nested) out.push({ inst, cmd });
  return out;
}

/** `p` made absolute against `cwd`; null when it depends on a variable or `~`. */
export function absolute(cwd: string, p: string): string | null {
  if (p.includes('$') || p.startsWith('~')) return null;
  return p.startsWith('/') ? joinPath('/', p) : joinPath(cwd, p);
}

function dirname(p: string): string {
  return p.slice(0, p.lastIndexOf('/')) || '/';
}

function inside(path: string, dir: string): boolean {
  return dir === '/' ? path !== '/' : path.startsWith(`${dir}/`);
}

/** A program the build writes: its path when known, else its directory and/or file name. */
export interface BuildOutput {
  /** Directory the program is written to (absolute), null when unknown. */
  dir: string | null;
  /** File name, null when unknown (e.g. `go build` without `-o` names it after the module). */
  name: string | null;
  /** The directory the changed build writes it to instead (e.g. a musl target's), when it moves. */
  movedDir?: string;
  /** The likely name when `name` is not known (`go build`/`go install` in GOPATH mode name it after the directory). */
  guess?: string;
  /** A later `mv` took it away from here. */
  gone?: boolean;
}

const BIN_DIR = /(?:^|\/)s?bin$/;

/**
 * The outputs, followed through `mv`, `cp` and `install` in the stage's RUNs (`go build -o app && mv app
 * /usr/local/bin/`): each copy or move adds the new place as an output.
 */
export function followMoves(ctx: SplitContext, outputs: readonly BuildOutput[], program?: string): BuildOutput[] {
  const out = [...outputs];
  for (const inst of ctx.runs) {
    let cwd = ctx.cwdAt(inst);
    for (const cmd of inst.run.script?.commands ?? []) {
      if (cmd.nested) continue;
      if (cmd.name === 'cd') {
        const t = cmd.args[0]?.value;
        cwd = t == null || cwd === null ? null : absolute(cwd, t);
        continue;
      }
      if (cmd.name !== 'mv' && cmd.name !== 'cp' && cmd.name !== 'install') continue;
      const words: (string | null)[] = [];
      for (let i = 0; i < cmd.args.length; i++) {
        const v = cmd.args[i]!.value;
        if (v !== null && v.startsWith('-')) {
          if (cmd.name === 'install' && ['-m', '-o', '-g', '--mode', '--owner', '--group'].includes(v)) i++;
          continue;
        }
        words.push(v);
      }
      const [srcWord, dstWord] = words;
      if (words.length !== 2 || cwd === null || srcWord == null || dstWord == null) continue;
      const src = absolute(cwd, srcWord);
      const dst = absolute(cwd, dstWord);
      if (src === null || dst === null) continue;
      const intoDir = dstWord.endsWith('/') || BIN_DIR.test(dst);
      const matched = out.find((o) => {
        if (o.dir !== null && o.name !== null) return joinPath(o.dir, o.name) === src;
        if (o.dir !== null) return o.dir === dirname(src);
        return o.name === basename(src);
      });
      // A file of the build's own tree put where the image starts it (`make && install build/server /usr/local/bin/`).
      const started = program !== undefined && basename(intoDir ? src : dst) === basename(program) && inside(src, cwd);
      if (!matched && !started) continue;
      if (matched && cmd.name === 'mv') matched.gone = true;
      const name = basename(src);
      out.push(intoDir ? { dir: dst, name } : { dir: dirname(dst), name: basename(dst) });
    }
  }
  return out;
}

/**
 * What to copy for the program the image starts (`program` is the first word of ENTRYPOINT/CMD, or the jar
 * of `java -jar`): the program itself when it is one of the build's outputs or lies in the build's working
 * directory; a program started by bare name that the build writes goes to `/usr/local/bin`. Otherwise a
 * placeholder.
 */
export function pickArtifact(ctx: SplitContext, outputs: readonly BuildOutput[], program: string): ArtifactCopy {
  if (program.includes('/')) {
    const p = absolute(ctx.startDir, program);
    if (p === null) return { from: PLACEHOLDER, to: ctx.startDir === '/' ? '/' : `${ctx.startDir}/`, placeholder: true };
    for (const o of [...outputs].reverse()) {
      const full = o.dir !== null && o.name !== null ? joinPath(o.dir, o.name) : null;
      if (full === p || (o.name === null && o.dir !== null && o.dir === dirname(p))) return { from: o.movedDir ? joinPath(o.movedDir, o.name ?? basename(p)) : p, to: p };
    }
    if (inside(p, ctx.workdir) && ctx.workdir !== '/') return { from: p, to: p };
    return { from: PLACEHOLDER, to: p, placeholder: true };
  }
  // The last place the program is put wins (a build, then a `mv`).
  for (const o of [...outputs].reverse()) {
    if (o.dir !== null && (o.name === program || (o.name === null && o.guess === program))) return { from: joinPath(o.movedDir ?? o.dir, program), to: `/usr/local/bin/${program}` };
  }
  return { from: PLACEHOLDER, to: `/usr/local/bin/${program}`, placeholder: true };
}

/** The first word of ENTRYPOINT, else CMD; a refusal when there is none or it needs a shell. */
export function startProgram(ctx: SplitContext): string | Refusal {
  const started = startedProgram(ctx.start);
  if (started) return started.program;
  const part = ctx.start.entrypoint ?? ctx.start.cmd;
  if (!part) return refuse('noStart');
  return refuse('startUnknown', { keyword: part.keyword });
}

/** The build stage has `/etc/ssl/certs/ca-certificates.crt`: its image has it per the catalog, or it installs `ca-certificates`. */
export function builderHasCaBundle(ctx: SplitContext): boolean {
  if (imageHasCaBundle(ctx.image?.facts ?? null)) return true;
  return ctx.packages.names.includes('ca-certificates');
}

/** `scratch`, with the CA bundle when the build stage has one. */
export function scratchRuntime(): RuntimeChoice {
  return { image: 'scratch', hasShell: false, packageManager: null, release: null, staticProgram: true };
}

/** The slim image of the builder's distribution, for programs linked against its C library. */
export function dynamicRuntime(ctx: SplitContext, what: SplitArg): RuntimeChoice | Refusal {
  const d = ctx.image ? distroRuntime(ctx.image) : null;
  if (!d) {
    const image = ctx.image?.ref.text ?? ctx.stage.imageText;
    // A release the tag names but that reached its end of life: known, and not a runtime to propose.
    const named = ctx.image ? debianReleaseOfTag(ctx.image.official.tag ?? '', ctx.image.facts?.family ?? ctx.image.official.name) : null;
    if (named && endedBefore(named, CATALOG_DATE)) {
      return refuse('eolRelease', { what, image, codename: named.codename, version: named.version, eol: named.endOfLife });
    }
    return refuse('releaseUnknown', { what, image });
  }
  return { image: d.image, hasShell: true, packageManager: d.packageManager, release: d.release, staticProgram: false };
}

/** `$X`/`${X}` from the ENV and ARG defaults in force at `inst` (the timeline); null when one has no known value. */
export function expandVars(text: string | null, inst: Inst): string | null {
  return text === null ? null : expandAt(text, inst);
}
