// Preloaded into the language server by the memory benchmark (node --expose-gc --require …): SIGUSR2 runs a
// full garbage collection and writes process.memoryUsage() as JSON to $BENCH_GC_REPORT, so that the
// benchmark sees what the server still holds (heap in use) next to its resident set. The report is written
// to a temporary name in the same directory and renamed into place (rename is atomic on one file system),
// so a reader never sees a half-written file.
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  const report = process.env.BENCH_GC_REPORT;
  if (!report) return;
  const partial = `${report}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(process.memoryUsage()));
  renameSync(partial, report);
});
