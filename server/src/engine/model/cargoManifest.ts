/**
 * Which program `cargo run` starts, read from the `Cargo.toml` of the build context (the adapter passes it
 * in as `BuildContextInfo.cargoToml`; the engine never reads files itself). Cargo's rules: `--bin NAME` names
 * it; otherwise `default-run` of `[package]`; otherwise the package's only binary target, which is named after
 * the package unless a `[[bin]]` table names it. Only the part of TOML these keys use is read (tables,
 * `key = "string"`); anything else needed to decide gives no answer.
 */

/** The binary `cargo run` starts, or why it is not known: a workspace without a package, no package, several `[[bin]]`s. */
export type CargoRunTarget = { bin: string } | { unknown: 'workspace' | 'noPackage' | 'bins' };

interface Manifest {
  packageName: string | null;
  defaultRun: string | null;
  bins: (string | null)[];
  workspace: boolean;
  autobins: boolean;
}

function readManifest(text: string): Manifest {
  const m: Manifest = { packageName: null, defaultRun: null, bins: [], workspace: false, autobins: true };
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#')) continue;
    const arrayTable = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(line);
    if (arrayTable) {
      table = `[[${arrayTable[1]}]]`;
      if (table === '[[bin]]') m.bins.push(null);
      continue;
    }
    const plainTable = /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (plainTable) {
      table = plainTable[1]!;
      if (table === 'workspace' || table.startsWith('workspace.')) m.workspace = true;
      continue;
    }
    const kv = /^([A-Za-z0-9_-]+)\s*=\s*(?:"([^"\\]*)"|'([^']*)'|(true|false))\s*(?:#.*)?$/.exec(line);
    if (!kv) continue;
    const [, key, dq, sq, bool] = kv;
    const value = dq ?? sq ?? null;
    if (table === 'package') {
      if (key === 'name' && value !== null) m.packageName = value;
      else if (key === 'default-run' && value !== null) m.defaultRun = value;
      else if (key === 'autobins' && bool !== undefined) m.autobins = bool === 'true';
    } else if (table === '[[bin]]' && key === 'name' && value !== null) {
      m.bins[m.bins.length - 1] = value;
    }
  }
  return m;
}

/**
 * The binary `cargo run [--bin NAME]` starts for the manifest `text`. Binaries under `src/bin/` cannot be
 * seen from the manifest: when there may be some (no `[[bin]]` tables, automatic binaries on), the package's
 * own binary is taken, which is what `cargo run` starts when it is the only one (with several, `cargo run`
 * fails in the original too).
 */
export function cargoRunTarget(text: string, binFlag: string | null): CargoRunTarget {
  const m = readManifest(text);
  if (binFlag !== null) return { bin: binFlag };
  if (m.packageName === null) {
    return { unknown: m.workspace ? 'workspace' : 'noPackage' };
  }
  if (m.defaultRun !== null) return { bin: m.defaultRun };
  if (m.bins.length === 0) return { bin: m.packageName };
  const only = m.bins.length === 1 ? (m.bins[0] ?? null) : null;
  if (only !== null && (!m.autobins || only === m.packageName)) return { bin: only };
  return { unknown: 'bins' };
}
