import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, DomainErrorKind, FieldError } from '@shipcrowd/kernel';

/** RFC 9457 problem details, plus Shipcrowd's stable `code` and the request id. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://shipcrowd.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  rule: 422,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** An HTTP-layer problem with a stable code (interface layer only). */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    detail: string,
    readonly extras: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail, status);
  }
}

export function problem(status: number, code: string, detail: string, extras: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: PROBLEM_TYPE_BASE + code, title: TITLES[status] ?? HttpStatus[status] ?? 'Error', status, detail, code, ...extras };
}

/** Turns anything thrown into a problem. Unknown errors become a 500 with no internals. */
export function toProblem(error: unknown): { problem: ProblemDetails; headers: Record<string, string>; unexpected: boolean } {
  if (error instanceof ProblemException) {
    const { errors, headers = {}, ...rest } = error.extras;
    return { problem: problem(error.getStatus(), error.code, error.message, { ...(errors ? { errors } : {}), ...rest }), headers, unexpected: false };
  }
  if (error instanceof DomainError) {
    const { errors, ...rest } = error.details;
    return {
      problem: problem(STATUS_BY_KIND[error.kind], error.code, error.message, { ...(errors ? { errors } : {}), ...rest }),
      headers: {},
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail = String(typeof response === 'string' ? response : ((response as { message?: string }).message ?? error.message));
    // Nest re-wraps Fastify's own errors (body parsing, limits) as bare HttpExceptions: recognise them here.
    const fromFastify = fromFastifyError({ code: fastifyCodeFor(detail, status), statusCode: status, message: detail });
    if (fromFastify) return { problem: fromFastify, headers: {}, unexpected: false };
    const code = status === 404 ? 'route.not_found' : status === 405 ? 'route.method_not_allowed' : `http.${status}`;
    return { problem: problem(status, code, detail), headers: {}, unexpected: false };
  }
  const limited = error as { rateLimited?: boolean; retryAfter?: number; message?: string };
  if (limited && limited.rateLimited) {
    return { problem: problem(429, 'rate_limited', limited.message ?? 'Too many requests.'), headers: { 'retry-after': String(limited.retryAfter ?? 60) }, unexpected: false };
  }
  const fastifyError = fromFastifyError(error);
  if (fastifyError) return { problem: fastifyError, headers: {}, unexpected: false };
  return { problem: problem(500, 'internal', 'An unexpected error occurred; quote the request id to support.'), headers: {}, unexpected: true };
}

function fastifyCodeFor(message: string, status: number): string | undefined {
  if (status === 413) return 'FST_ERR_CTP_BODY_TOO_LARGE';
  if (status === 415) return 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
  if (status === 400 && /JSON/.test(message)) return /empty/i.test(message) ? 'FST_ERR_CTP_EMPTY_JSON_BODY' : 'FST_ERR_CTP_INVALID_JSON_BODY';
  return undefined;
}

/** Errors Fastify raises before a route runs (body parsing, size limits, content types). */
function fromFastifyError(error: unknown): ProblemDetails | undefined {
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (!e || typeof e.code !== 'string' || !e.code.startsWith('FST_')) return undefined;

  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'request.malformed_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'request.body_too_large', 'The request body is larger than this route accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'request.unsupported_media_type', 'This content type is not accepted here; send application/json.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(400, 'request.bad_content_length', 'Content-Length does not match the body.');
    default: {
      const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 400;
      return problem(status, 'request.invalid', e.message ?? 'The request could not be read.');
    }
  }
}
