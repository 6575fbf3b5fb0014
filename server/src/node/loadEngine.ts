import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { initEngine } from '../engine/index.js';

const WASM_FILES = { runtime: 'web-tree-sitter.wasm', bash: 'tree-sitter-bash.wasm' } as const;

/**
 * Finds the grammar files next to the bundle (shipped builds) or in node_modules (sources, tests) and
 * initialises the engine with them.
 */
export async function loadEngine(): Promise<void> {
  await initEngine({ runtime: readWasm('runtime'), bash: readWasm('bash') });
}

function readWasm(kind: keyof typeof WASM_FILES): Uint8Array {
  const file = WASM_FILES[kind];
  const beside = join(__dirname, file);
  if (existsSync(beside)) return readFileSync(beside);
  const require = createRequire(join(process.cwd(), 'noop.js'));
  const pkg = kind === 'runtime' ? 'web-tree-sitter' : 'tree-sitter-bash';
  try {
    return readFileSync(require.resolve(`${pkg}/${file}`));
  } catch {
    return readFileSync(join(__dirname, '..', '..', '..', 'node_modules', pkg, file));
  }
}
