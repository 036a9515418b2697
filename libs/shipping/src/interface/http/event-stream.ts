import { PassThrough } from 'node:stream';

/** A client this far behind is dropped rather than buffered without bound; it reconnects and reloads what it shows. */
const MAX_BUFFERED_BYTES = 1_048_576;

/**
 * The body of a text/event-stream response (Server-Sent Events): named events with ids, and a comment line every
 * `heartbeatMs` so proxies and load balancers do not close an idle connection. The first bytes go out at once, so the
 * client sees the response (and knows it is subscribed) before any event happens.
 */
export class EventStream {
  readonly body = new PassThrough();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs: number, retryMs = 5_000) {
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), heartbeatMs);
    this.body.once('close', () => clearInterval(this.heartbeat));
    this.write(`retry: ${retryMs}\n: connected\n\n`);
  }

  /** `data` is sent as one line of JSON. */
  send(id: string, event: string, data: unknown): void {
    this.write(`id: ${oneLine(id)}\nevent: ${oneLine(event)}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** An event without an id (e.g. why the stream ends): the client's Last-Event-ID stays the last real event's. */
  announce(event: string, data: unknown): void {
    this.write(`event: ${oneLine(event)}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Runs once the stream is over: the client went away, or end() was called. */
  onClose(callback: () => void): void {
    this.body.once('close', callback);
  }

  end(): void {
    this.body.end();
  }

  private write(chunk: string): void {
    if (this.body.destroyed || this.body.writableEnded) return;
    if (this.body.writableLength > MAX_BUFFERED_BYTES) {
      this.body.destroy();
      return;
    }
    this.body.write(chunk);
  }
}

const oneLine = (value: string) => value.replace(/[\r\n]/g, ' ');
