/**
 * What the benchmarks need from the engine, bundled by `bundle.ts` with the production build's esbuild
 * settings so that the code measured is the code that ships (and has its own copy of dockerfile-ast, apart
 * from the one the peers load).
 */
export { allRules, analyze, lint, resetCaches } from '../../server/src/engine/index.js';
export { buildContextFor } from '../../server/src/node/buildContext.js';
export { loadEngine } from '../../server/src/node/loadEngine.js';
