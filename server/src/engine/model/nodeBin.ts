/**
 * Commands resolved through `node_modules/.bin`, where npm links the executables of the installed packages
 * (devDependencies included): a command word that names that directory (`./node_modules/.bin/tsc`), or, once
 * `node_modules/.bin` is on PATH (`ENV PATH=/app/node_modules/.bin:$PATH`, `export PATH=…` earlier in the RUN),
 * any command that is not a well-known system command.
 */
import { type DockerfileModel, type Inst } from './model.js';
import { envAt } from './timeline.js';
import type { ShellCommand } from './shell.js';

const NODE_BIN = /(?:^|\/)node_modules\/\.bin(?:\/|$|:)/;

/** Commands every image has or that come from the system, never from node_modules/.bin. */
const SYSTEM_COMMANDS = new Set([
  'sh', 'bash', 'dash', 'ash', 'zsh', 'exec', 'env', 'cd', 'set', 'export', 'unset', 'source', '.', 'true', 'false', 'test', '[',
  'echo', 'printf', 'cat', 'cp', 'mv', 'rm', 'ln', 'ls', 'mkdir', 'rmdir', 'touch', 'chmod', 'chown', 'chgrp', 'find', 'xargs',
  'sed', 'awk', 'grep', 'sort', 'head', 'tail', 'tee', 'wc', 'tr', 'cut', 'sleep', 'which', 'command', 'id', 'whoami',
  'tar', 'gzip', 'gunzip', 'unzip', 'curl', 'wget', 'git', 'ssh', 'apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf',
  'useradd', 'groupadd', 'adduser', 'addgroup', 'usermod', 'su', 'sudo', 'gosu', 'su-exec', 'tini', 'dumb-init',
  'node', 'npm', 'nginx', 'python', 'python3', 'pip', 'pip3',
]);

/** `node_modules/.bin` is on PATH at the instruction (from ENV). */
export function nodeBinOnPath(inst: Inst): boolean {
  const path = envAt(inst).get('PATH');
  return path !== undefined && NODE_BIN.test(path);
}

/**
 * The command may be an executable of an installed package: it names `node_modules/.bin`, or that directory
 * is on PATH (`onPath`, or an `export PATH=…node_modules/.bin…` before it in its RUN) and it is not a system command.
 */
export function runsNodeBin(model: DockerfileModel, inst: Inst, cmd: ShellCommand, onPath: boolean): boolean {
  if (!cmd.nameWord) return false;
  if (NODE_BIN.test(cmd.nameWord.value ?? cmd.nameWord.text)) return true;
  const exported = inst.run?.script ? NODE_BIN.test(model.text.slice(inst.run.script.codeStart, cmd.start).match(/\bPATH=\S*/g)?.join(' ') ?? '') : false;
  return (onPath || exported) && cmd.name !== null && !SYSTEM_COMMANDS.has(cmd.name);
}

/** The program a CMD or ENTRYPOINT starts may be an executable of an installed package. */
export function startsNodeBin(model: DockerfileModel, inst: Inst): boolean {
  const text = model.text.slice(inst.start, inst.end);
  if (NODE_BIN.test(text)) return true;
  if (!nodeBinOnPath(inst)) return false;
  const program = /^\s*\S+\s+(?:\[\s*"([^"]+)"|([^\s[]+))/.exec(text);
  const name = (program?.[1] ?? program?.[2] ?? '').split('/').pop() ?? '';
  return name !== '' && !SYSTEM_COMMANDS.has(name);
}
