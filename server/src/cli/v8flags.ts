/**
 * V8 flags for the CLI's process, which is short-lived: most of a cold run over many files used to be V8
 * optimising code it would soon stop running (TurboFan compiles on a background thread, so CPU time ran far
 * ahead of wall time). Set with `setFlagsFromString` before the bundle is compiled (cli/loader.ts), so that
 * they hold for every function of the bundle and V8's code cache is made and checked with them; main.ts sets
 * them again for a run of cli-main.js without the loader. The language server, long-lived, keeps V8's defaults.
 *
 * - `--liftoff-only`: the shell grammar (1.3 MB of WebAssembly) is compiled by the baseline tier only; the
 *   optimising tier-up cost most of a one-file run (BENCHMARKS.md).
 * - `--interrupt-budget=400000` (V8's default 67,584 bytes of bytecode run): a function is optimised after
 *   about six times as much work, so only what stays hot over many files is.
 * - `--max-inlined-bytecode-size-cumulative=200` (default 920): smaller optimised functions, compiled sooner.
 *
 * The values were chosen by alternating runs over the corpus (the commit that set them says how). Set this
 * way they take effect: `--trace-opt` over the corpus (1,072 files, load ~10) counts 366 TurboFan compiles
 * taking 7.4 s of compile-thread time without them, 126 taking 0.85 s with them.
 */
export const CLI_V8_FLAGS = '--liftoff-only --interrupt-budget=400000 --max-inlined-bytecode-size-cumulative=200';
