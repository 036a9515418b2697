import { createHash, createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3-compatible server for tests and sandbox runs: path-style PUT/GET/HEAD/DELETE of objects in
 * one bucket, answering with S3's XML errors. It verifies AWS Signature V4 itself (header auth and
 * presigned query auth, including expiry), independently of the SDK that produced the signature, so a
 * wrongly signed request fails here the way it would against S3 or MinIO.
 */
export class S3Simulator {
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();
  readonly requests: { method: string; path: string; auth: 'header' | 'query' }[] = [];
  private server?: Server;

  constructor(
    readonly bucket: string,
    readonly accessKeyId: string,
    private readonly secretAccessKey: string,
    readonly region = 'ap-south-1',
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const auth = this.verify(req, url, body);
    if (auth !== 'header' && auth !== 'query') return xmlError(res, 403, auth.code, auth.message);
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    this.requests.push({ method: req.method ?? '', path: url.pathname, auth });
    if (bucket !== this.bucket) return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (req.method === 'PUT') {
      this.objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream') });
      res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      return;
    }
    const object = this.objects.get(key);
    if (req.method === 'DELETE') {
      this.objects.delete(key);
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!object) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      res.writeHead(200, { 'content-type': object.contentType, 'content-length': String(object.body.length) });
      res.end(req.method === 'GET' ? object.body : undefined);
      return;
    }
    xmlError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }

  /** Checks SigV4 (header or presigned query). Returns how the request was authenticated, or the S3 error. */
  private verify(req: IncomingMessage, url: URL, body: Buffer): 'header' | 'query' | { code: string; message: string } {
    const query = url.searchParams;
    const presigned = query.has('X-Amz-Signature');
    let credential: string, signedHeaders: string, signature: string, amzDate: string, payloadHash: string;
    if (presigned) {
      if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return { code: 'AuthorizationQueryParametersError', message: 'Unsupported algorithm' };
      credential = query.get('X-Amz-Credential') ?? '';
      signedHeaders = query.get('X-Amz-SignedHeaders') ?? '';
      signature = query.get('X-Amz-Signature') ?? '';
      amzDate = query.get('X-Amz-Date') ?? '';
      payloadHash = 'UNSIGNED-PAYLOAD';
      const expires = Number(query.get('X-Amz-Expires'));
      if (!Number.isInteger(expires) || expires < 1 || expires > 604800) return { code: 'AuthorizationQueryParametersError', message: 'X-Amz-Expires must be 1..604800' };
      if (parseAmzDate(amzDate) + expires * 1000 < this.now().getTime()) return { code: 'AccessDenied', message: 'Request has expired' };
    } else {
      const header = String(req.headers.authorization ?? '');
      const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header);
      if (!match) return { code: 'AccessDenied', message: 'Access Denied' };
      [, credential, signedHeaders, signature] = match;
      amzDate = String(req.headers['x-amz-date'] ?? '');
      payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
      if (/^[0-9a-f]{64}$/.test(payloadHash) && createHash('sha256').update(body).digest('hex') !== payloadHash) {
        return { code: 'XAmzContentSHA256Mismatch', message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
      }
    }
    const [accessKey, date, region, service, terminator] = credential.split('/');
    if (accessKey !== this.accessKeyId) return { code: 'InvalidAccessKeyId', message: 'The AWS access key Id you provided does not exist in our records.' };
    if (region !== this.region || service !== 's3' || terminator !== 'aws4_request' || !amzDate.startsWith(date)) return { code: 'AuthorizationHeaderMalformed', message: 'Bad credential scope' };

    const canonicalQuery = [...query.entries()]
      .filter(([k]) => k !== 'X-Amz-Signature')
      .map(([k, v]) => [rfc3986(k), rfc3986(v)])
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const headerNames = signedHeaders.split(';');
    const canonicalHeaders = headerNames.map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
    const canonicalRequest = [req.method, url.pathname, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
    const scope = `${date}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
    let key: Buffer = hmac(`AWS4${this.secretAccessKey}`, date);
    for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
    const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
    if (expected !== signature) return { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
    return presigned ? 'query' : 'header';
  }
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}
