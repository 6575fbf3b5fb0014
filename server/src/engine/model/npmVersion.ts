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

/** What `npm install -g npm`, `npm@latest` and other unpinned upgrades give: a current npm. */
const LATEST = 99;

/** `npm install -g npm@N…` → N (`npm`, `npm@latest` → a current npm); null for any other command. */
function pinnedNpm(cmd: ShellCommand): number | null {
  const install = npmInstall(cmd);
  if (!install || install.kind !== 'install') return null;
  let major: number | null = null;
  for (const w of npmPackageOperands(cmd, install.word)) {
    const v = w.value ?? '';
    const m = /^npm@[\^~=v]*(\d+)(?:[.x*]|$)/.exec(v);
    if (m) major = Number(m[1]);
    else if (v === 'npm' || /^npm@(?:latest|next)/.test(v)) major = LATEST;
    else if (v.startsWith('npm@')) return null;
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
  return name !== undefined && Object.hasOwn(NODE_CODENAMES, name) ? NODE_CODENAMES[name]! : null;
}

/**
 * The npm major version bundled with the first release of a Node.js major version (Node.js release notes;
 * later releases of a line sometimes move npm up by one): 0.x–4 → 2, 5–6 → 3, 7 → 4, 8–9 → 5, 10–14 → 6,
 * 15 → 7, 16 and later → 8 or newer.
 */
function npmOfNode(node: number): number {
  if (node <= 4) return 2;
  if (node <= 6) return 3;
  if (node === 7) return 4;
  if (node <= 9) return 5;
  if (node <= 14) return 6;
  if (node === 15) return 7;
  return 8;
}
