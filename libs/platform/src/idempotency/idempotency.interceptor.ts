import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import type { Principal } from '../auth/principal';
import { DATABASE, DatabaseHandle } from '../database/database.types';
import { ProblemException } from '../http/problem';
import { requestFingerprint } from './canonical-json';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENT = 'shipcrowd:idempotent';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';
const VALID_KEY = /^[\x20-\x7E]{1,255}$/;

export interface IdempotentOptions {
  /** Refuse the request (422 idempotency.key_required) when no Idempotency-Key is sent. Default: optional. */
  required?: boolean;
}

/**
 * Makes a POST safe to retry: the first request with a key runs and its response is stored for 24 h;
 * a retry with the same key and body gets the stored response (`Idempotent-Replayed: true`) without
 * running the handler again. Applied by @Idempotent(); routes without it ignore the header.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('idempotency');
  private readonly store: IdempotencyStore;

  constructor(
    @Inject(DATABASE) database: DatabaseHandle,
    private readonly reflector: Reflector,
  ) {
    this.store = new IdempotencyStore(database);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (context.getType() !== 'http' || !options) return next.handle();

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { principal?: Principal }>();
    const reply = http.getResponse<FastifyReply>();
    const key = readKey(request.headers[IDEMPOTENCY_KEY_HEADER], !!options.required);
    if (key === undefined) return next.handle();

    const scope = scopeOf(request);
    const hash = requestFingerprint(request.method, request.url, request.body);
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);

    const begun = await this.store.begin(scope, key, request.method, request.url, hash);
    switch (begun.outcome) {
      case 'replay':
        reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return of(begun.body);
      case 'in_progress':
        throw new ProblemException(409, 'idempotency.in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly.', {
          headers: { 'retry-after': '1' },
        });
      case 'key_reused':
        throw new ProblemException(422, 'idempotency.key_reused', 'This Idempotency-Key was already used with a different request; use a new key.', {
          errors: [{ field: 'Idempotency-Key', message: 'was already used with a different request', code: 'key_reused' }],
        });
    }

    return next.handle().pipe(
      catchError((error: unknown) =>
        from(this.store.release(scope, key).catch((e: unknown) => this.logger.error({ err: e, scope }, 'could not release idempotency key'))).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
      mergeMap(async (body: unknown) => {
        try {
          await this.store.complete(scope, key, status, body);
        } catch (error) {
          // The work is done; the key stays in progress and frees itself after IDEMPOTENCY_LOCK_SECONDS.
          this.logger.error({ err: error, scope }, 'could not store the idempotent response');
        }
        return body;
      }),
    );
  }
}

function readKey(raw: string | string[] | undefined, required: boolean): string | undefined {
  if (raw === undefined) {
    if (!required) return undefined;
    throw invalidKey('idempotency.key_required', 'This route needs an Idempotency-Key header (1-255 printable characters).', 'is required');
  }
  if (Array.isArray(raw) || !VALID_KEY.test(raw)) {
    throw invalidKey('idempotency.invalid_key', 'Idempotency-Key must be one value of 1-255 printable ASCII characters.', 'must be 1-255 printable characters');
  }
  return raw;
}

function invalidKey(code: string, detail: string, message: string): ProblemException {
  return new ProblemException(422, code, detail, { errors: [{ field: 'Idempotency-Key', message, code: code.split('.')[1] }] });
}

/** Keys belong to the caller's company, else to the user, else (public routes) to the client address. */
function scopeOf(request: FastifyRequest & { principal?: Principal }): string {
  const principal = request.principal;
  if (principal?.companyId) return `company:${principal.companyId}`;
  if (principal?.userId) return `user:${principal.userId}`;
  return `ip:${request.ip}`;
}
