import { Transform, type TransformCallback } from 'node:stream';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';

/**
 * A filter for the server's stdin that keeps LSP framing in step. jsonrpc's reader, given a header without a
 * valid `Content-Length`, reports an error and leaves the rest in its buffer, so every later message is read
 * out of step and the server goes deaf for good. This filter passes well-framed messages through unchanged
 * and drops what cannot be a message, up to the next `Content-Length:` header:
 * - a header block without a numeric Content-Length, or with lines that are not `Name: value`;
 * - a body cut short by the next header: a `Content-Length:` line at the start of the body or after a line
 *   break inside it. JSON never holds a raw line break inside a string, and a header outside one is not
 *   JSON, so a real body never looks like that.
 * A body with invalid JSON is left to jsonrpc, which reports it and reads on. Each drop is reported once,
 * through `onDrop`.
 */
export class FramingFilter extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  /** The header of the message being read, while its body arrives; null between messages. */
  private header: Buffer | null = null;
  private bodyLength = 0;
  /** Where to look next for a line break inside the body being read. */
  private scanFrom = 0;

  constructor(private readonly onDrop: (reason: string, bytes: number) => void = () => {}) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      this.drain();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.pending.length > 0 || this.header) this.onDrop('input ended inside a message', this.pending.length);
    callback();
  }

  private drain(): void {
    for (;;) {
      if (this.header === null) {
        const end = this.pending.indexOf('\r\n\r\n');
        if (end < 0) {
          // No header end yet; a runaway line that could never be a header is dropped.
          if (this.pending.length > MAX_HEADER_BYTES) this.resync('a header longer than 64 KiB', this.pending.length);
          return;
        }
        const length = contentLength(this.pending.subarray(0, end).toString('latin1'));
        if (length === null) {
          const next = findHeader(this.pending, 1);
          this.resync('a header without a valid Content-Length', next >= 0 ? next : this.pending.length - headerPrefixAtEnd(this.pending));
          continue;
        }
        this.header = this.pending.subarray(0, end + 4);
        this.bodyLength = length;
        this.pending = this.pending.subarray(end + 4);
        this.scanFrom = 0;
      }
      // A body: cut short when a header starts at its beginning or after a line break inside it.
      const limit = Math.min(this.pending.length, this.bodyLength);
      let cut = this.bodyLength > 0 && startsWithHeader(this.pending, 0) ? 0 : -1;
      while (cut < 0) {
        const lf = this.pending.indexOf(0x0a, this.scanFrom);
        if (lf < 0 || lf >= limit) {
          this.scanFrom = limit;
          break;
        }
        if (this.pending.length - (lf + 1) < HEADER_NAME.length && this.pending.length < this.bodyLength) {
          // Too few bytes after this line break to tell yet: look again when more arrive.
          this.scanFrom = lf;
          break;
        }
        this.scanFrom = lf + 1;
        if (startsWithHeader(this.pending, lf + 1)) cut = lf + 1;
      }
      if (cut >= 0) {
        this.onDrop(`a body shorter than its Content-Length (${this.bodyLength})`, this.header.length + cut);
        this.header = null;
        this.pending = this.pending.subarray(cut);
        continue;
      }
      if (this.pending.length < this.bodyLength) return;
      this.push(this.header);
      this.push(this.pending.subarray(0, this.bodyLength));
      this.pending = this.pending.subarray(this.bodyLength);
      this.header = null;
    }
  }

  private resync(reason: string, drop: number): void {
    this.onDrop(reason, drop);
    this.pending = this.pending.subarray(drop);
  }
}

const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_NAME = Buffer.from('content-length:');

/** The Content-Length of a header block whose every line is `Name: value`; null otherwise. */
function contentLength(block: string): number | null {
  let length: number | null = null;
  for (const line of block.split('\r\n')) {
    const m = /^([!#-'*+.0-9A-Z^-z|~-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) return null;
    if (m[1]!.toLowerCase() === 'content-length') {
      if (!/^\d{1,15}$/.test(m[2]!)) return null;
      length = Number(m[2]);
    }
  }
  return length;
}

function startsWithHeader(buffer: Buffer, at: number): boolean {
  if (buffer.length - at < HEADER_NAME.length) return false;
  for (let i = 0; i < HEADER_NAME.length; i++) {
    const b = buffer[at + i]!;
    if ((b >= 0x41 && b <= 0x5a ? b + 32 : b) !== HEADER_NAME[i]) return false;
  }
  return true;
}

/** Length of the longest end of the buffer that could be the start of a `Content-Length:` still arriving. */
function headerPrefixAtEnd(buffer: Buffer): number {
  for (let n = Math.min(HEADER_NAME.length - 1, buffer.length); n > 0; n--) {
    if (HEADER_NAME.subarray(0, n).equals(Buffer.from(buffer.subarray(buffer.length - n).toString('latin1').toLowerCase(), 'latin1'))) return n;
  }
  return 0;
}

/** The first `Content-Length:` (any case) at or after `from`, or -1. */
function findHeader(buffer: Buffer, from: number): number {
  for (let i = from; i <= buffer.length - HEADER_NAME.length; i++) {
    if ((buffer[i] === 0x43 || buffer[i] === 0x63) && startsWithHeader(buffer, i)) return i;
  }
  return -1;
}

/**
 * The connection for `--stdio`: as vscode-languageserver makes it, with stdin read through a FramingFilter.
 * Console output goes to the client's log, as it does for `--stdio` there: stdout carries the protocol.
 */
export function createStdioConnection(): Connection {
  let report = (_message: string): void => {};
  const input = process.stdin.pipe(new FramingFilter((reason, bytes) => report(`Dropped ${bytes} bytes of input that were not an LSP message: ${reason}.`)));
  const connection = createConnection(ProposedFeatures.all, input, process.stdout);
  report = (message) => connection.console.error(message);
  const toLog = (...args: unknown[]): void => connection.console.log(format(...args));
  console.log = toLog;
  console.info = toLog;
  console.debug = toLog;
  console.trace = toLog;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}
