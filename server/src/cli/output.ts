import { once } from 'node:events';
import { ct } from './messages.js';

/**
 * Writes to a stream and waits when its buffer is full, so long outputs do not pile up in memory. With `batch`
 * (characters), text is held back until that much is there, then written at once: one write per file cost a
 * system call and Node's stream machinery per file of a long run. `flush` writes what is held back (at the end);
 * `flushNow` does so without waiting, before a message on stderr, so that the two streams keep their order.
 */
export class Output {
  private pending = '';

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly batch = 0,
  ) {}

  async write(text: string): Promise<void> {
    if (text === '') return;
    if (this.batch > 0) {
      this.pending += text;
      if (this.pending.length >= this.batch) await this.flush();
      return;
    }
    await this.send(text);
  }

  async flush(): Promise<void> {
    const text = this.pending;
    this.pending = '';
    if (text !== '') await this.send(text);
  }

  flushNow(): void {
    const text = this.pending;
    this.pending = '';
    if (text !== '') this.stream.write(text);
  }

  private async send(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}

/** One-line messages on stderr, each prefixed with the program name. */
export class Reporter {
  /** The errors reported so far (for SARIF's invocation record). */
  readonly errors: string[] = [];

  /** Called before each message: writes what the run's output holds back (`Output.flushNow`). */
  beforeMessage: () => void = () => {};

  constructor(private readonly debug: boolean) {}

  /** A problem that makes the run exit with 2; the message is one line. */
  error(message: string, cause?: unknown): void {
    this.errors.push(message);
    this.beforeMessage();
    process.stderr.write(`${ct('prefixed', { message })}\n`);
    if (this.debug && cause instanceof Error && cause.stack) process.stderr.write(`${cause.stack}\n`);
  }

  note(message: string): void {
    this.beforeMessage();
    process.stderr.write(`${message}\n`);
  }

  trace(message: string): void {
    if (!this.debug) return;
    this.beforeMessage();
    process.stderr.write(`debug: ${message}\n`);
  }
}
