import type { HttpResult, ResilientHttp } from '@shipcrowd/platform';
import type { CourierCall } from '../../../application/ports/courier-provider';
import type { BearerSession } from './bearer-session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One JSON exchange through a courier's resilient client: the body serialised, JSON asked for back. */
export function requestJson(
  http: ResilientHttp,
  method: HttpMethod,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return http.request(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
}

/**
 * A JSON call with the session's bearer token. `read` checks the answer inside the session, so a refused token
 * (read throws CourierAuthFailed, as expectOk does on 401/403) is dropped and the call made once more after a
 * fresh login.
 */
export function bearerJson<T>(
  session: BearerSession,
  call: CourierCall,
  request: { http: ResilientHttp; method: HttpMethod; url: string; body?: unknown },
  read: (result: HttpResult) => T,
): Promise<T> {
  return session.withToken(call, async (token) =>
    read(await requestJson(request.http, request.method, request.url, { body: request.body, headers: { authorization: `Bearer ${token}` } })),
  );
}

/** `url?name=value&...`, skipping absent values. */
export function withQuery(url: string, params: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value != null) query.set(name, value);
  const text = query.toString();
  return text ? `${url}?${text}` : url;
}

/** A JSON object's fields, or an empty record for anything else (courier bodies are untrusted). */
export function fieldsOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A JSON array's items, or none for anything else. */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A text field, numbers included (couriers mix "123" and 123), else null. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
