// Preloaded into the language server by the memory benchmark (node --expose-gc --require …): SIGUSR2 runs a
// full garbage collection and writes process.memoryUsage() as JSON to $BENCH_GC_REPORT, so that the
// benchmark sees what the server still holds (heap in use) next to its resident set.
'use strict';
const { writeFileSync } = require('node:fs');
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  if (process.env.BENCH_GC_REPORT) writeFileSync(process.env.BENCH_GC_REPORT, JSON.stringify(process.memoryUsage()));
});
