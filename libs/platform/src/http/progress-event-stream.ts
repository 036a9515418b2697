import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_EXPIRED_EVENT, onTokenExpiry, TOKEN_EXPIRED_NOTICE } from '../auth/token-expiry';

/** One look at a stored background job: what to send, its row version (the event id) and whether it has finished. */
export interface ProgressSnapshot {
  version: number;
  data: unknown;
  done: boolean;
}

export interface ProgressStreamOptions {
  /** Reads the job's stored row; null when it is gone. */
  read(): Promise<ProgressSnapshot | null>;
  /** Sent in an `error` event if reading fails, e.g. 'The progress stream failed; poll GET /v1/things/{id}.' */
  failureMessage: string;
  onError(error: unknown): void;
  pollMs?: number;
  maxMs?: number;
  /** The access token's expiry (Principal.expiresAt): then an `auth_expired` event is sent and the stream closes. */
  expiresAt?: Date | null;
}

/**
 * Server-Sent Events for a background job whose progress is stored in a row: a `progress` event whenever the row's
 * data changes, then one `done` event when it has finished (or after maxMs), then the stream closes; or, when the
 * access token that opened it expires first, an `auth_expired` event and the close. It follows the stored row, so it
 * works whichever process runs the job. Check access before calling: this takes over the reply.
 */
export async function streamProgressEvents(request: FastifyRequest, reply: FastifyReply, options: ProgressStreamOptions): Promise<void> {
  const { pollMs = 300, maxMs = 60 * 60 * 1000 } = options;
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  let closed = false;
  let wake: (() => void) | undefined;
  request.raw.once('close', () => (closed = true));
  const send = (event: string, version: number, data: string) => out.write(`event: ${event}\nid: ${version}\ndata: ${data}\n\n`);
  let expired = false;
  const cancelExpiry = onTokenExpiry(options.expiresAt ?? null, () => {
    expired = true;
    wake?.();
  });
  const started = Date.now();
  let last = '';
  try {
    while (!closed) {
      if (expired) {
        out.write(`event: ${AUTH_EXPIRED_EVENT}\ndata: ${JSON.stringify(TOKEN_EXPIRED_NOTICE)}\n\n`);
        break;
      }
      const snapshot = await options.read();
      if (!snapshot) break;
      const data = JSON.stringify(snapshot.data);
      if (data !== last) {
        send('progress', snapshot.version, data);
        last = data;
      }
      if (snapshot.done || Date.now() - started > maxMs) {
        send('done', snapshot.version, data);
        break;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => (clearTimeout(timer), resolve());
      });
      wake = undefined;
    }
  } catch (error) {
    out.write(`event: error\ndata: ${JSON.stringify({ code: 'internal', message: options.failureMessage })}\n\n`);
    options.onError(error);
  } finally {
    cancelExpiry();
    out.end();
  }
}
