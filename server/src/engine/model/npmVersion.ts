/**
 * Which major version of npm runs a command: the last `npm install -g npm@N` before it in its image (the
 * stages it builds FROM first, then its own RUNs, then earlier commands of its RUN), else the npm that the
 * official `node:` image of the stage ships (node 4 → npm 2, 5–6 → 3, 7 → 4, 8 and later → 5 or later).
 * Null when neither says.
 */
import { chainOf } from './chain.js';
import { npmInstall, npmPackageOperands } from './languages.js';
import type { Inst } from './model.js';
import type { ShellCommand } from './shell.js';
import { stageImageRef } from './stageFacts.js';

/** The npm major version in force at `cmd` of `inst`; null when unknown. */
export function npmMajorAt(inst: Inst, cmd: ShellCommand): number | null {
  if (!inst.stage) return null;
  let found: number | null = null;
  for (const stage of chainOf(inst.stage)) {
    for (const i of stage.instructions) {
      if (i.onbuild || !i.run?.script) continue;
      if (stage === inst.stage && i.start > inst.start) break;
      for (const c of i.run.script.commands) {
        if (i === inst && c.start >= cmd.start) break;
        const pinned = pinnedNpm(c);
        if (pinned !== null) found = pinned;
      }
    }
  }
  if (found !== null) return found;
  const ref = stageImageRef(inst.stage);
  if (!ref || ref.familiarName !== 'node' || ref.tag === null) return null;
  const node = nodeMajorOfTag(ref.tag);
  return node === null ? null : npmOfNode(node);
}

/** `npm install -g npm@N…` → N; null for any other command or an unversioned/`latest` npm. */
function pinnedNpm(cmd: ShellCommand): number | null {
  const install = npmInstall(cmd);
  if (!install || install.kind !== 'install') return null;
  let major: number | null = null;
  for (const w of npmPackageOperands(cmd, install.word)) {
    const m = /^npm@[\^~=v]*(\d+)(?:[.x*]|$)/.exec(w.value ?? '');
    if (m) major = Number(m[1]);
  }
  return major;
}

/** Node.js release code names the official image tags use. */
const NODE_CODENAMES: Readonly<Record<string, number>> = {
  argon: 4,
  boron: 6,
  carbon: 8,
  dubnium: 10,
  erbium: 12,
  fermium: 14,
  gallium: 16,
  hydrogen: 18,
  iron: 20,
  jod: 22,
};

/** The Node.js major version a `node:` tag names (`6`, `6.11-alpine`, `0.10`, `boron-slim`); null otherwise. */
export function nodeMajorOfTag(tag: string): number | null {
  const m = /^(\d+)(?:\.(\d+))?(?:[.-]|$)/.exec(tag);
  if (m) return Number(m[1]) === 0 ? 0 : Number(m[1]);
  const name = /^([a-z]+)(?:-|$)/.exec(tag)?.[1];
  return name !== undefined && name in NODE_CODENAMES ? NODE_CODENAMES[name]! : null;
}

/** The npm major version bundled with a Node.js major version (from the Node.js release notes). */
function npmOfNode(node: number): number {
  if (node === 0) return 2;
  if (node === 4) return 2;
  if (node <= 6) return 3;
  if (node === 7) return 4;
  return 5;
}
