/**
 * Whether what an image does after `npm install` may need the devDependencies: the container's start
 * command, and build tools installed globally. (Commands of later RUNs: `mayUseDevDependencies`.)
 */
import { DEV_TOOLS, mayUseDevDependencies, npmGlobal, npmInstall, npmPackageOperands } from './languages.js';
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

/**
 * A CMD or ENTRYPOINT that may need the devDependencies: an npm script (`npm start`, `npm run …`), a build,
 * test or development tool, or a deploy tool (`sls deploy`); `node` running a file does not count. A start
 * that cannot be read counts.
 */
export function startMayUseDevDependencies(model: DockerfileModel, inst: Inst): boolean {
  const commands = startCommands(model, inst);
  if (commands === null) return true;
  return commands.some((c) => {
    if (c.name === 'node' || c.name === 'nodejs') return false;
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
