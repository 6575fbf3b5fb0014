import { loadEngine } from '../../server/src/node/loadEngine.js';

/** Every test file that lints awaits this once (node:test runs files in separate processes). */
export const engineReady: Promise<void> = loadEngine();
