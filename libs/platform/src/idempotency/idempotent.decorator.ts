import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../http/openapi-decorators';
import { IDEMPOTENT, IdempotencyInterceptor, IdempotentOptions } from './idempotency.interceptor';

/**
 * For POST routes that create something or move money: a client retrying with the same
 * `Idempotency-Key` gets the first response back instead of a second order/charge.
 */
export function Idempotent(options: IdempotentOptions = {}): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: !!options.required,
      description:
        'Unique per intended operation (e.g. a UUID), 1-255 printable characters, kept 24 h. Retrying with the same key and body returns the ' +
        'stored response with `Idempotent-Replayed: true`; the same key with a different body is 422 `idempotency.key_reused`; ' +
        'while the first request is still running a retry gets 409 `idempotency.in_progress`.',
      schema: { type: 'string', minLength: 1, maxLength: 255, example: '4f7c1a7e-2d7b-4c59-9a51-0b5e8e3f0c2d' },
    }),
    ApiProblems(409, 422),
  );
}
