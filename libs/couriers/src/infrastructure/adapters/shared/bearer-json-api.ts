import type { CourierCall, CourierCredentials } from '../../../application/ports/courier-provider';
import { CourierAuthFailed } from '../../../application/ports/courier-provider';
import { BearerSession } from './bearer-session';
import { expectOk } from './wire';

type MessageOf = (body: unknown) => string | undefined;

export interface BearerLogin {
  /** Path of the login call under the base URL, e.g. '/v1/external/auth/login'. */
  path: string;
  body(credentials: CourierCredentials): unknown;
  tokenOf(answer: unknown): string | undefined;
  expiresInSeconds: number;
}

/**
 * A courier JSON API behind a bearer token from a login call (Shiprocket, Delhivery B2B ...): the cached session, the
 * `Authorization: Bearer` header, JSON (or multipart) bodies and the courier's error wording in one place. A refused
 * login (any 4xx) is CourierAuthFailed; logins are safe to repeat so they retry like GETs.
 */
export class BearerJsonApi {
  readonly session: BearerSession;

  constructor(
    private readonly courier: string,
    login: BearerLogin,
    private readonly messageOf?: MessageOf,
  ) {
    this.session = new BearerSession(async (call) => {
      const result = await call.http.request(`${call.baseUrl}${login.path}`, { method: 'POST', headers: jsonHeaders(), body: JSON.stringify(login.body(call.credentials)) });
      if (result.status >= 400 && result.status < 500) throw new CourierAuthFailed(this.messageOf?.(result.body) ?? `${courier} refused the login`);
      const token = login.tokenOf(expectOk(result, courier, messageOf));
      if (!token) throw new CourierAuthFailed(`${courier} login answered without a token`);
      return { token, expiresInSeconds: login.expiresInSeconds };
    });
  }

  /** GETs (and `retry: true`) go through the retrying client; everything else is sent once. */
  send(call: CourierCall, method: string, path: string, body?: unknown, options: { retry?: boolean } = {}): Promise<unknown> {
    const http = (options.retry ?? method === 'GET') ? call.http : call.httpNoRetry;
    const multipart = body instanceof FormData;
    return this.session.withToken(call, async (token) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined || multipart ? {} : { 'content-type': 'application/json' }) };
      const payload = body === undefined ? undefined : multipart ? body : JSON.stringify(body);
      return expectOk(await http.request(`${call.baseUrl}${path}`, { method, headers, body: payload }), this.courier, this.messageOf);
    });
  }
}

function jsonHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json' };
}
