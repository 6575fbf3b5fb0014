import { connect } from 'node:net';
import { run, type Builder, type RunOptions } from './builder.js';
import type { Locale } from '../engine/index.js';
import { nt } from './messages.js';

/**
 * The smoke test: does an image start and do what its original did? One module for `fix --verify`, the
 * editor's Verify action and the split evaluation (bench/split-eval).
 *
 * - `smokeRun(builder, tag, options)` starts a container of the image with its own start command, each
 *   port of `options.ports` published on 127.0.0.1, and watches it: still up after `waitMs`, or exited
 *   (status, output); each port probed until it answers (TCP, then `GET /`) or `portWaitMs` has passed;
 *   once every port has answered, it is not watched longer.
 *   The container is killed and removed afterwards, whatever happens.
 * - `compareSmoke(original, slim)`: the slim image did at least what the original did: it answers on
 *   every port the original answered on (over HTTP when the original did, any status), else it stays up
 *   when the original stayed up, else it exits with the same status and prints the same first line.
 * - `smokePassed(result)`: one image on its own: it answered, stayed up, or exited with 0.
 * - `exposedPorts(text)`: the TCP ports a Dockerfile EXPOSEs (numbers only; `$PORT` is skipped).
 */

/** A port that answered: `http` is the status of `GET /` when it spoke HTTP, null when it answered TCP only. */
export interface PortAnswer {
  port: number;
  http: number | null;
}

/** How a container of the image behaved. */
export interface SmokeResult {
  /** `running`: still up when it was last looked at; `exited`: stopped on its own (see exitCode). */
  state: 'running' | 'exited';
  exitCode: number | null;
  /** The container's last output lines (stdout, then stderr). */
  log: string;
  /** The first line it printed (stdout first; stderr when stdout is empty). */
  firstLine: string;
  /** The ports probed (those asked for) and those that answered. */
  probed: number[];
  answered: PortAnswer[];
}

export interface SmokeOptions extends RunOptions {
  /** Flags for `run` (e.g. `--runtime=runc`, `--ulimit=nofile=1024:1024`). */
  runFlags?: readonly string[];
  /** Arguments after the image name (replace its CMD); default none: the image's own start command. */
  command?: readonly string[];
  /** Container ports to publish and probe (usually `exposedPorts` of the original file). */
  ports?: readonly number[];
  /** How long the container must stay up to count as "stays up" (default 3 s). */
  waitMs?: number;
  /** How long to keep probing ports that have not answered yet (default 20 s; never less than waitMs). */
  portWaitMs?: number;
  /** Pause between two looks (default 500 ms). */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Buildah images are run with Podman (same storage). */
function runnerOf(builder: Builder): Builder {
  return builder.name === 'buildah' ? { name: 'podman', command: 'podman' } : builder;
}

/**
 * What a probe read tells: bytes starting with an HTTP status line → that status; other bytes, or a
 * connection still open and silent when the probe gave up → answers TCP; accepted then closed without a
 * byte → nothing is listening behind a port proxy (Docker's userland proxy and rootless Podman accept every
 * connection on a published port, then close it when nothing listens inside) → null.
 */
export function readAnswer(port: number, received: string, closedByPeer: boolean): PortAnswer | null {
  const m = /^HTTP\/\d(?:\.\d)? (\d{3})\b/.exec(received);
  if (m) return { port, http: Number(m[1]) };
  if (received.length > 0 || !closedByPeer) return { port, http: null };
  return null;
}

/**
 * Connects to host:port and sends `GET / HTTP/1.0`; null when the connection is refused or closed without
 * a byte, else what answered (see readAnswer). Gives up after `timeoutMs`.
 */
export function probePort(host: string, port: number, containerPort = port, timeoutMs = 2000): Promise<PortAnswer | null> {
  return new Promise((resolve) => {
    let received = '';
    let connected = false;
    let done = false;
    const socket = connect({ host, port });
    const finish = (closedByPeer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(connected ? readAnswer(containerPort, received, closedByPeer) : null);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('connect', () => {
      connected = true;
      socket.write('GET / HTTP/1.0\r\nHost: localhost\r\nUser-Agent: dockerfile-slim-smoke\r\n\r\n');
    });
    socket.on('data', (chunk: string) => {
      received += chunk;
      // The status line is all a probe needs.
      if (received.includes('\n') || received.length >= 64) finish(false);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

/** `127.0.0.1:40123` or `0.0.0.0:40123` (one line per address) → 40123; null when unpublished. */
export function publishedPort(portOutput: string): number | null {
  for (const line of portOutput.split('\n')) {
    const m = /:(\d+)\s*$/.exec(line.trim());
    if (m) return Number(m[1]);
  }
  return null;
}

/** The first non-empty line of stdout, else of stderr. */
export function firstLineOf(stdout: string, stderr: string): string {
  const first = (t: string) => t.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return first(stdout) || first(stderr);
}

export async function smokeRun(builder: Builder, tag: string, options: SmokeOptions = {}): Promise<SmokeResult> {
  const runner = runnerOf(builder);
  const ports = [...new Set(options.ports ?? [])];
  const waitMs = options.waitMs ?? 3000;
  const portWaitMs = Math.max(options.portWaitMs ?? 20000, waitMs);
  const pollMs = options.pollMs ?? 500;
  const runOptions: RunOptions = { env: options.env, signal: options.signal };
  const name = `dockerfile-slim-smoke-${Math.random().toString(36).slice(2, 10)}`;
  const publish = ports.flatMap((p) => ['-p', `127.0.0.1::${p}`]);
  try {
    const started = await run(runner.command, ['run', '-d', '--name', name, ...publish, ...(options.runFlags ?? []), tag, ...(options.command ?? [])], runOptions);
    if (started.code !== 0) {
      // It did not start at all (no such command in the image, …): that is an exit, not an error of the test.
      const message = (started.stderr.trim() || started.stdout.trim()).split('\n').slice(-3).join('\n');
      return { state: 'exited', exitCode: started.code, log: message, firstLine: firstLineOf('', message), probed: ports, answered: [] };
    }
    const since = Date.now();
    const answered = new Map<number, PortAnswer>();
    const hostPorts = new Map<number, number>();
    let running = true;
    let exitCode: number | null = null;
    for (;;) {
      const state = await run(runner.command, ['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', name], runOptions);
      const [up, code] = state.stdout.trim().split(/\s+/);
      if (up !== 'true') {
        running = false;
        exitCode = Number(code);
        break;
      }
      for (const p of ports) {
        if (answered.has(p)) continue;
        if (!hostPorts.has(p)) {
          const published = publishedPort((await run(runner.command, ['port', name, `${p}/tcp`], runOptions)).stdout);
          if (published !== null) hostPorts.set(p, published);
        }
        const hostPort = hostPorts.get(p);
        const answer = hostPort === undefined ? null : await probePort('127.0.0.1', hostPort, p);
        if (answer) answered.set(p, answer);
      }
      // Every port answered: enough. Else it must stay up waitMs, and unanswered ports get portWaitMs.
      if (ports.length > 0 && answered.size === ports.length) break;
      const elapsed = Date.now() - since;
      if (elapsed >= waitMs && elapsed >= (ports.length > 0 ? portWaitMs : 0)) break;
      await sleep(pollMs);
    }
    const logs = await run(runner.command, ['logs', name], runOptions);
    const log = [logs.stdout.trim(), logs.stderr.trim()].filter(Boolean).join('\n').split('\n').slice(-10).join('\n');
    return {
      state: running ? 'running' : 'exited',
      exitCode,
      log,
      firstLine: firstLineOf(logs.stdout, logs.stderr),
      probed: ports,
      answered: ports.filter((p) => answered.has(p)).map((p) => answered.get(p)!),
    };
  } finally {
    await run(runner.command, ['kill', name], runOptions).catch(() => undefined);
    await run(runner.command, ['rm', '--force', name], runOptions).catch(() => undefined);
  }
}

/** One image on its own: it answered on a port, stayed up, or exited with 0. */
export function smokePassed(s: SmokeResult): boolean {
  return s.answered.length > 0 || s.state === 'running' || s.exitCode === 0;
}

/** In words: `answers HTTP 200 on port 8080`, `answers on port 5432`, `stays up`, `exits with 1` (or in Chinese). */
export function describeSmoke(s: SmokeResult, locale?: Locale): string {
  const join = nt(locale, 'listJoin');
  if (s.answered.length > 0) return s.answered.map((a) => (a.http !== null ? nt(locale, 'answersHttp', { http: a.http, port: a.port }) : nt(locale, 'answersPort', { port: a.port }))).join(join);
  const notAnswering = s.probed.length > 0 ? nt(locale, 'notAnswering', { ports: s.probed.join(join) }) : '';
  return s.state === 'running' ? nt(locale, 'staysUp', { notAnswering }) : nt(locale, 'exitsWith', { code: String(s.exitCode), notAnswering });
}

/** Dates and times in a line (log prefixes) do not count as a difference. */
function normalLine(line: string): string {
  return line
    .replace(/\d{4}[-/]\d\d[-/]\d\d([T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)?/g, '<date>')
    .replace(/\b\d\d:\d\d:\d\d(?:[.,]\d+)?\b/g, '<time>')
    .trim();
}

/**
 * The slim image did at least what the original did (see the module's comment). `problem` says what it
 * failed to do, in words, or is null.
 */
export function compareSmoke(original: SmokeResult, slim: SmokeResult, locale?: Locale): { ok: boolean; problem: string | null } {
  const last = slim.log ? nt(locale, 'lastOutput', { log: slim.log.split('\n').slice(-3).join(' / ') }) : '';
  const differs = (slimText: string): { ok: boolean; problem: string } => ({
    ok: false,
    problem: nt(locale, 'slimButOriginal', { slim: slimText, original: describeSmoke(original, locale), last }),
  });
  if (original.answered.length > 0) {
    for (const a of original.answered) {
      const b = slim.answered.find((x) => x.port === a.port);
      if (!b || (a.http !== null && b.http === null)) return differs(b ? nt(locale, 'answersNoHttp', { port: a.port }) : describeSmoke(slim, locale));
    }
    return { ok: true, problem: null };
  }
  if (original.state === 'running') {
    if (slim.state === 'running' || slim.answered.length > 0) return { ok: true, problem: null };
    return differs(describeSmoke(slim, locale));
  }
  if (slim.state !== 'exited' || slim.exitCode !== original.exitCode) return differs(describeSmoke(slim, locale));
  if (normalLine(slim.firstLine) !== normalLine(original.firstLine)) {
    return {
      ok: false,
      problem: nt(locale, 'firstLineDiffers', { slim: JSON.stringify(slim.firstLine.slice(0, 200)), original: JSON.stringify(original.firstLine.slice(0, 200)) }),
    };
  }
  return { ok: true, problem: null };
}

/** TCP ports in the EXPOSE instructions of a Dockerfile (`80`, `8080/tcp`; `/udp` and `$PORT` skipped). */
export function exposedPorts(text: string): number[] {
  const ports = new Set<number>();
  // Join continuation lines (a backslash at the end of a line), then read the EXPOSE lines.
  const joined = text.replace(/^\uFEFF/, '').replace(/\\[ \t]*\r?\n/g, ' ');
  for (const line of joined.split(/\r?\n/)) {
    const m = /^\s*EXPOSE\s+(.*)$/i.exec(line);
    if (!m) continue;
    for (const word of m[1]!.split(/\s+/)) {
      const p = /^"?(\d+)(?:-\d+)?(\/tcp)?"?$/i.exec(word);
      if (p && Number(p[1]) > 0 && Number(p[1]) < 65536) ports.add(Number(p[1]));
    }
  }
  return [...ports];
}
