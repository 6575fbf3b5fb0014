/**
 * Whether what an image does after `npm install` may need the devDependencies: the container's start
 * command, and build tools installed globally. (Commands of later RUNs: `mayUseDevDependencies`.)
 */
import { subcommand } from './commands.js';
import { DEV_TOOLS, mayUseDevDependencies, NPM_OPTIONS_WITH_VALUE, npmGlobal, npmInstall, npmPackageOperands } from './languages.js';
import { jsonStrings, type DockerfileModel, type Inst } from './model.js';
import { parseShell, type ShellCommand } from './shell.js';
import { logicalShellText } from './shellText.js';
import type { JSONInstruction } from 'dockerfile-ast';

/** Deploy tools that run plugins and bundlers projects keep in devDependencies. */
const DEPLOY_TOOLS = new Set(['sls', 'serverless', 'cdk', 'firebase', 'netlify', 'vercel', 'wrangler']);

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);

/** The commands a CMD or ENTRYPOINT runs: its shell-form script, or `sh -c TEXT`'s script, or the exec-form program. */
function startCommands(model: DockerfileModel, inst: Inst): ShellCommand[] | null {
  const node = inst.node as JSONInstruction;
  if (node.getOpeningBracket() && node.getClosingBracket()) {
    const words = jsonStrings(model, node).map((w) => w.value);
    if (words.length === 0 || words.some((w) => w === null)) return null;
    const c = words.indexOf('-c');
    const name = words[0]!.slice(words[0]!.lastIndexOf('/') + 1);
    const text = SHELLS.has(name) && c > 0 ? words[c + 1] : words.map((w) => `'${w!.replace(/'/g, `'\\''`)}'`).join(' ');
    if (text === undefined || text === null) return null;
    const script = parseShell(text);
    return script.hasError ? null : script.commands;
  }
  const args = node.getArguments();
  if (args.length === 0) return [];
  const start = model.lines.offsetAt(args[0]!.getRange().start);
  const end = model.lines.offsetAt(args[args.length - 1]!.getRange().end);
  const script = parseShell(logicalShellText(model.text.slice(start, end), model.escapeChar));
  return script.hasError ? null : script.commands;
}

/** The npm script a command runs: `npm start` → `start`, `npm run build` → `build`; null for anything else. */
function npmScriptRun(cmd: ShellCommand): string | null {
  if (cmd.name !== 'npm') return null;
  const sub = subcommand(cmd, NPM_OPTIONS_WITH_VALUE);
  const verb = sub?.word.value;
  if (verb === 'start' || verb === 'stop' || verb === 'restart' || verb === 'test') return verb;
  if (verb !== 'run' && verb !== 'run-script') return null;
  const name = cmd.args.slice(cmd.args.indexOf(sub!.word) + 1).find((a) => a.value === null || !a.value.startsWith('-'));
  return name?.value ?? null;
}

/**
 * Whether an npm script of package.json (with its `pre`/`post` scripts) may use the devDependencies. Scripts run
 * with `node_modules/.bin` on PATH, where the devDependencies' programs are: every command but `node` and
 * another npm script may be one of them. A missing `start` is npm's default, `node server.js`.
 */
function scriptMayUseDevDependencies(scripts: Readonly<Record<string, string>>, name: string, depth: number): boolean {
  if (depth > 5) return true;
  const texts = [`pre${name}`, name, `post${name}`].map((n) => scripts[n]).filter((t): t is string => t !== undefined);
  if (texts.length === 0) return name !== 'start';
  return texts.some((text) => {
    const script = parseShell(text);
    if (script.hasError) return true;
    return script.commands.some((c) => {
      if (c.name === 'node' || c.name === 'nodejs') return false;
      const next = npmScriptRun(c);
      return next === null || scriptMayUseDevDependencies(scripts, next, depth + 1);
    });
  });
}

/**
 * A CMD or ENTRYPOINT that may need the devDependencies: an npm script (`npm start`, `npm run …`) — unless
 * the build context's package.json is known and the script runs only `node` —, a build, test or development
 * tool, or a deploy tool (`sls deploy`); `node` running a file does not count. A start that cannot be read
 * counts.
 */
export function startMayUseDevDependencies(model: DockerfileModel, inst: Inst, scripts?: Readonly<Record<string, string>>): boolean {
  const commands = startCommands(model, inst);
  if (commands === null) return true;
  return commands.some((c) => {
    if (c.name === 'node' || c.name === 'nodejs') return false;
    const script = scripts ? npmScriptRun(c) : null;
    if (script !== null) return scriptMayUseDevDependencies(scripts!, script, 0);
    if (c.name !== null && DEPLOY_TOOLS.has(c.name)) return true;
    // A shell given a script inside the start text was parsed above; only an opaque one counts.
    if (c.name !== null && SHELLS.has(c.name)) return c.args.some((a) => a.value === null);
    return mayUseDevDependencies(c);
  });
}

/** `npm install -g gulp`: a build or deploy tool installed globally, which runs the project's devDependencies. */
export function installsBuildToolGlobally(cmd: ShellCommand): boolean {
  const npm = npmInstall(cmd);
  if (!npm || !npmGlobal(cmd)) return false;
  return npmPackageOperands(cmd, npm.word).some((w) => {
    const name = (w.value ?? '').replace(/(?<=.)@.*$/, '');
    const bin = name.replace(/^@[^/]+\//, '').replace(/-cli$/, '');
    return DEV_TOOLS.has(bin) || DEPLOY_TOOLS.has(bin) || name === 'typescript' || name === '@angular/cli' || name === '@nestjs/cli';
  });
}
