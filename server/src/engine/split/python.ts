/**
 * Python (pip): install into a virtualenv in the build stage (`python -m venv /opt/venv`, with its `bin` first
 * on PATH before the first `pip install`), then copy the virtualenv and the application directory into the
 * `-slim` image of the same Python version. A virtualenv the Dockerfile makes itself is used as it is.
 */
import { pipCommand, pipInstallWord } from '../model/pip.js';
import type { ShellCommand } from '../model/shell.js';
import { interpreterRuntime, sameImage, slimImage } from './images.js';
import { absolute, commandsOf, refuse } from './common.js';
import type { EcosystemPlan, Refusal, SplitContext } from './types.js';

const OTHER_TOOLS = new Set(['poetry', 'pipenv', 'conda', 'mamba', 'micromamba', 'pdm', 'uv', 'hatch', 'pipx']);
const PYTHON = /^python(?:\d+(?:\.\d+)?)?$/;

/** `pip install …`, `python -m pip install …`, `python${V} -m pip install …`: which command is pip is model/pip.ts's answer. */
export function isPipInstall(cmd: ShellCommand): boolean {
  const pip = pipCommand(cmd);
  return pip !== null && pipInstallWord(pip) !== null;
}

/** The directory of `python -m venv DIR` or `virtualenv DIR`. */
function venvDir(cmd: ShellCommand): string | null | undefined {
  const vals = cmd.args.map((a) => a.value);
  let rest: (string | null)[] | null = null;
  if (cmd.name === 'virtualenv') rest = vals;
  else if (cmd.name && PYTHON.test(cmd.name)) {
    const m = vals.indexOf('-m');
    if (m >= 0 && (vals[m + 1] === 'venv' || vals[m + 1] === 'virtualenv')) rest = vals.slice(m + 2);
  }
  if (rest === null) return undefined;
  const dir = rest.find((v) => v === null || !v.startsWith('-'));
  return dir ?? null;
}

export function planPython(ctx: SplitContext): EcosystemPlan | Refusal {
  const commands = commandsOf(ctx);
  let venv: string | null = null;
  let firstPip: (typeof commands)[number] | null = null;
  for (const c of commands) {
    const { cmd, inst } = c;
    if (cmd.name && OTHER_TOOLS.has(cmd.name)) return refuse('pyOtherTool', { tool: cmd.name });
    const dir = venvDir(cmd);
    if (dir !== undefined) {
      const cwd = ctx.cwdAt(inst);
      const abs = dir === null || cwd === null ? null : absolute(cwd, dir);
      if (abs === null) return refuse('venvUnknown');
      venv = abs;
      continue;
    }
    if (!isPipInstall(cmd)) continue;
    // `python${V} -m pip`, `"$PYTHON" -m pip`, `$VENV/bin/python -m pip`: which Python (and so which environment) is not known.
    if (!cmd.name) return refuse('pyVariable', { command: (cmd.nameWord?.text ?? '').replace(/^"(.*)"$/, '$1') });
    // PyPy (`pypy3 -m pip`) has its own environment; the virtualenv is made with `python`.
    if (cmd.name.startsWith('pypy')) return refuse('pyOtherTool', { tool: cmd.name });
    const bad = cmd.args.find((a) => a.value !== null && /^(?:--user|--target|-t|--prefix|--root|--system)(?:=|$)/.test(a.value));
    if (bad) return refuse('pipOutside', { package: bad.value ?? '' });
    if (!firstPip) firstPip = c;
  }
  if (!firstPip) return refuse('noPip');
  if (ctx.workdir === '/' && ctx.stage.instructions.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.start < firstPip!.inst.start)) {
    return refuse('pyRoot');
  }
  const image = ctx.image;
  if (!image || image.facts?.family !== 'python') return refuse('pyImage');
  const facts = image.facts;
  if (venv === null && /^2(?:[.-]|$)/.test(image.official.tag ?? '')) return refuse('py2');
  const runtimeImage = slimImage(image) ?? (facts.isToolchain ? null : sameImage(image));
  if (runtimeImage === null) {
    return refuse(image.ref.digest !== null ? 'digestSlim' : 'noSlim', { image: image.ref.text });
  }
  const insertBefore: EcosystemPlan['insertBefore'] = [];
  const runtimeEnv: string[] = [];
  const env = `${ctx.kw('ENV')} PATH=/opt/venv/bin:$PATH`;
  if (venv === null) {
    venv = '/opt/venv';
    const line = ctx.model.lines.positionAt(firstPip.inst.start).line;
    insertBefore.push({ offset: ctx.model.lines.starts[line]!, lines: [`${ctx.kw('RUN')} python -m venv /opt/venv`, env] });
    runtimeEnv.push(env);
  } else if (!ctx.stage.instructions.some((i) => i.keyword === 'ENV' && (i.node.getArgumentsContent() ?? '').includes(`${venv}/bin`))) {
    runtimeEnv.push(`${ctx.kw('ENV')} PATH=${venv}/bin:$PATH`);
  }
  // The start command must use the virtualenv: an interpreter or a pip-installed script named by its
  // absolute path outside it is rewritten to the virtualenv's; a script run directly (its `#!` line unseen) is refused.
  const startRewrites: { from: string; to: string }[] = [];
  const copiedText = ctx.stage.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').map((i) => ctx.model.text.slice(i.start, i.end));
  for (const part of insertBefore.length > 0 ? [ctx.start.entrypoint, ctx.start.cmd, ctx.start.healthcheck] : []) {
    if (!part) continue;
    const raw = ctx.model.text.slice(part.start, part.end);
    for (const m of raw.matchAll(/(?<![\w/.-])\/usr\/(?:local\/)?bin\/([A-Za-z0-9_.+-]+)/g)) {
      const tool = m[1]!;
      if (!PYTHON.test(tool) && !/^pip\d*(?:\.\d+)?$/.test(tool) && (!m[0].startsWith('/usr/local/') || copiedText.some((t) => t.includes(tool)))) continue;
      const from = m[0];
      if (!startRewrites.some((r) => r.from === from)) startRewrites.push({ from, to: `${venv}/bin/${tool}` });
    }
    const program = part.argv?.[0] ?? part.program;
    if (program && /\.py$/.test(program) && part !== ctx.start.healthcheck && !(part === ctx.start.cmd && ctx.start.entrypoint)) {
      return refuse('pyShebang', { keyword: part.keyword, program });
    }
  }
  // The virtualenv, unless it lies in an application directory that is copied anyway.
  const venvPath: string = venv;
  const appDirs = ctx.appDirs.filter((d) => d !== venvPath && !d.startsWith(`${venvPath}/`));
  const inApp = appDirs.some((d) => venvPath.startsWith(`${d}/`));
  const copies = [...(inApp ? [] : [{ from: venvPath, to: venvPath }]), ...appDirs.map((d) => ({ from: d, to: d }))];
  return {
    ecosystem: 'python',
    runtime: interpreterRuntime(image, facts, runtimeImage),
    edits: [],
    insertBefore,
    builderTail: [],
    copies,
    runtimeEnv,
    caBundle: false,
    addsVenv: insertBefore.length > 0,
    startRewrites,
  };
}
