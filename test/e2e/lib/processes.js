// Child processes of the end-to-end runners: each one leads its own process group, and the group is what
// gets stopped, at the end of a run, on a failure, on Ctrl+C and when the runner itself exits.
'use strict';
const { spawn, execFileSync } = require('node:child_process');

/** Groups started by this runner that may still be alive (pid of the leader = pgid). */
const groups = new Set();

/** spawn() in a new process group; the group is killed when the runner exits, whatever the reason. */
function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  groups.add(child.pid);
  return child;
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: no process left in the group
  }
}

function groupAlive(pgid) {
  return signalGroup(pgid, 0);
}

/**
 * Stops a group: SIGTERM, then SIGKILL for whatever is left after `graceMs`. The leader may exit before its
 * children (code-server before its extension host and the language server), so the check is on the group.
 */
async function stopGroup(pgid, graceMs = 3000) {
  if (!groups.has(pgid) && !groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGTERM');
  const end = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  signalGroup(pgid, 'SIGKILL');
  groups.delete(pgid);
}

/** Process groups of every process whose command line mentions `needle` (a run's private temp dir). */
function groupsMentioning(needle) {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const found = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!m || Number(m[1]) === process.pid || !m[3].includes(needle)) continue;
    if (m[3].startsWith('ps ')) continue;
    found.push({ pid: Number(m[1]), pgid: Number(m[2]), args: m[3] });
  }
  return found;
}

/**
 * Safety net after a run: kills the groups of processes that still mention the run's temp dir (a browser or an
 * extension host that outlived its parent) and returns what it found, so the runner can report it.
 */
async function reapMentioning(needle) {
  const left = groupsMentioning(needle);
  const pgids = new Set(left.map((p) => p.pgid).filter((g) => g !== process.pid && g > 1));
  for (const g of pgids) {
    groups.add(g);
    await stopGroup(g, 1000);
  }
  return left;
}

function killAllNow() {
  for (const g of groups) signalGroup(g, 'SIGKILL');
  groups.clear();
}

process.on('exit', killAllNow);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    console.error(`\n[e2e] ${signal}: stopping the processes this run started`);
    killAllNow();
    process.exit(code);
  });
}

module.exports = { spawnGroup, stopGroup, groupAlive, reapMentioning };
