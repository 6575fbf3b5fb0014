import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags of the language server's process, set with `setFlagsFromString` at its start (lsp/main.ts), before
 * the shell grammar is compiled. The scaling benchmark (bench/suites/scaling.ts) sets the same, so that its
 * long-file latencies are the server's. The CLI, short-lived, has flags of its own (cli/v8flags.ts).
 *
 * - `--liftoff-only`: keeps V8 from recompiling the shell grammar's WebAssembly with its optimising tier in
 *   the background: that costs about a second of CPU after every start and holds up the process's exit until
 *   it is done, while the baseline code is fast enough for Dockerfiles. Must be set before the grammar is
 *   compiled.
 * - `--semi-space-growth-factor=1`: keeps the young generation at its initial size. Linting allocates in
 *   bursts, and V8 would grow the young generation to its 16 MiB semi-space maximum and keep those pages (and
 *   old-space pages freed after them) committed: 150-175 MiB resident after a thousand edits for ~20 MiB of
 *   live heap. Without growth it stays near 95 MiB, and lint latency does not measurably change.
 * - `--heap-growing-percent=50`: starts a full collection once the old generation has grown by half since the
 *   last one. V8 would let it grow to up to four times the live size first: each edit's analysis outlives a
 *   scavenge or two and is promoted, so with ~25 MiB live the heap filled to 80-100 MiB of mostly garbage
 *   before a full GC, and the resident size swung between ~110 and ~170 MiB depending on when it was read.
 *   Capped at 1.5×, it stays at 98-112 MiB over 10,000 edits, for about three more full GCs per thousand
 *   edits (~1-2 ms each, mostly concurrent) and no measurable change in lint latency. An older or newer V8
 *   without the flag only prints a warning to stderr.
 */
export const SERVER_V8_FLAGS: readonly string[] = ['--liftoff-only', '--semi-space-growth-factor=1', '--heap-growing-percent=50'];

/** Sets SERVER_V8_FLAGS in this process. */
export function setServerV8Flags(): void {
  for (const flag of SERVER_V8_FLAGS) setFlagsFromString(flag);
}
