import { once } from 'node:events';
import { ct } from './messages.js';

/** Writes to a stream and waits when its buffer is full, so long outputs do not pile up in memory. */
export class Output {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  async write(text: string): Promise<void> {
    if (text === '') return;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}

/** One-line messages on stderr, each prefixed with the program name. */
export class Reporter {
  /** The errors reported so far (for SARIF's invocation record). */
  readonly errors: string[] = [];

  constructor(private readonly debug: boolean) {}

  /** A problem that makes the run exit with 2; the message is one line. */
  error(message: string, cause?: unknown): void {
    this.errors.push(message);
    process.stderr.write(`${ct('prefixed', { message })}\n`);
    if (this.debug && cause instanceof Error && cause.stack) process.stderr.write(`${cause.stack}\n`);
  }

  note(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  trace(message: string): void {
    if (this.debug) process.stderr.write(`debug: ${message}\n`);
  }
}
