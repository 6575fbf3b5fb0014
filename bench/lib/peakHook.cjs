// Preloaded with `node --require` when GNU time is missing: at exit, writes "user sys peakKiB" (seconds,
// seconds, KiB, the format bench/lib/measure.ts asks GNU time for) to $BENCH_PEAK_REPORT.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
process.on('exit', () => {
  const usage = process.cpuUsage();
  let peak = process.resourceUsage().maxRSS;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) peak = Number(m[1]);
  } catch {
    // not Linux: getrusage's maxRSS (KiB) stands
  }
  writeFileSync(process.env.BENCH_PEAK_REPORT, `${usage.user / 1e6} ${usage.system / 1e6} ${peak}\n`);
});
