import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Form fields (x-www-form-urlencoded) or JSON object fields, as strings. */
  fields: Record<string, string>;
  /** Query-string parameters. */
  query: Record<string, string>;
  /** The body as received (courier simulators parse nested JSON and form fields holding JSON from it). */
  rawBody: string;
  /** The body parsed as JSON when the content type says JSON and it parses; else undefined. */
  json?: unknown;
}

export interface SimResponse {
  status: number;
  /** Sent as JSON, unless it is a Buffer (sent as is, with the content type from `headers`) or `text` is set. */
  body: unknown;
  /** Sent as is (text/plain unless `headers` say otherwise) instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
}

/** An injected fault: the next N requests answer with this status and body (or the socket is destroyed). */
export interface Fault {
  status?: number;
  body?: unknown;
  /** Destroy the connection without answering (a network error for the client). */
  drop?: boolean;
  /** Delay before answering, ms (to provoke client timeouts). */
  delayMs?: number;
}

/**
 * A tiny node:http server that answers like a third-party API. Subclasses implement `handle()`.
 * `start(0)` picks a free port and returns the base URL (http://127.0.0.1:<port>).
 */
export abstract class HttpSimulator {
  private server?: Server;
  private faults: Fault[] = [];
  private url?: string;
  /** Every request received, faults included (tests assert retries with it). */
  readonly requests: SimRequest[] = [];

  async start(port = 0): Promise<string> {
    if (this.url) return this.url;
    const server = createServer((req, res) => void this.dispatch(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  get baseUrl(): string {
    if (!this.url) throw new Error(`${this.constructor.name} is not started`);
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.url = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Makes the next `times` requests fail as described (default: HTTP 500). */
  failNext(times = 1, fault: Fault = {}): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  clearFaults(): void {
    this.faults = [];
  }

  protected abstract handle(request: SimRequest): SimResponse | Promise<SimResponse>;

  /** The body a provider sends with an injected 5xx. */
  protected abstract serverErrorBody(status: number): unknown;

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const raw = await readBody(req);
      const [path, search = ''] = (req.url ?? '/').split('?');
      const request: SimRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        fields: parseFields(raw, req.headers['content-type']),
        query: Object.fromEntries(new URLSearchParams(search)),
        rawBody: raw,
        json: parseJson(raw, req.headers['content-type']),
      };
      this.requests.push(request);
      const fault = this.faults.shift();
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault?.drop) {
        req.socket.destroy();
        return;
      }
      const response = fault ? { status: fault.status ?? 500, body: fault.body ?? this.serverErrorBody(fault.status ?? 500) } : await this.handle(request);
      send(res, response);
    } catch (error) {
      send(res, { status: 500, body: this.serverErrorBody(500) });
    }
  }
}

function send(res: ServerResponse, response: SimResponse): void {
  if (res.destroyed) return;
  if (Buffer.isBuffer(response.body) || response.text !== undefined) {
    const payload = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.text ?? '', 'utf8');
    const type = Buffer.isBuffer(response.body) ? 'application/octet-stream' : 'text/plain; charset=utf-8';
    res.writeHead(response.status, { 'content-type': type, 'content-length': payload.length, ...response.headers });
    res.end(payload);
    return;
  }
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...response.headers });
  res.end(payload);
}

function parseJson(raw: string, contentType: string | undefined): unknown {
  if (!raw || !contentType?.includes('json')) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseFields(raw: string, contentType: string | undefined): Record<string, string> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    try {
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed ?? {}).map(([k, v]) => [k, v == null ? '' : String(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}
