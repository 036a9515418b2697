import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ConcurrencyError, DomainError, DomainErrorKind, NotFoundError } from '@shipcrowd/kernel';
import { PROBLEM_TYPE_BASE, ProblemException, toProblem } from './problem';

describe('problem mapping', () => {
  it.each<[DomainErrorKind, number, string]>([
    ['validation', 422, 'Unprocessable content'],
    ['not_found', 404, 'Not found'],
    ['conflict', 409, 'Conflict'],
    ['unauthorized', 401, 'Authentication required'],
    ['forbidden', 403, 'Forbidden'],
    ['rule', 422, 'Unprocessable content'],
    ['rate_limited', 429, 'Too many requests'],
    ['unavailable', 503, 'Service unavailable'],
  ])('maps DomainError kind %s to %i', (kind, status, title) => {
    const { problem, unexpected } = toProblem(new DomainError('orders.something', 'Something is off.', kind));
    expect(problem).toEqual({ type: `${PROBLEM_TYPE_BASE}orders.something`, title, status, detail: 'Something is off.', code: 'orders.something' });
    expect(unexpected).toBe(false);
  });

  it('defaults a DomainError to a 422 business-rule problem and keeps field errors and extensions', () => {
    const error = new DomainError('wallet.insufficient_balance', 'Balance is too low.', undefined, {
      errors: [{ field: 'amount', message: 'exceeds the balance', code: 'insufficient' }],
      balancePaise: 1200,
    });
    expect(toProblem(error).problem).toMatchObject({
      status: 422,
      code: 'wallet.insufficient_balance',
      errors: [{ field: 'amount', message: 'exceeds the balance', code: 'insufficient' }],
      balancePaise: 1200,
    });
  });

  it('maps the kernel subclasses', () => {
    expect(toProblem(new NotFoundError('Order', 'o1')).problem).toMatchObject({ status: 404, code: 'order.not_found', detail: 'Order o1 was not found' });
    expect(toProblem(new ConcurrencyError('Company', 'c1')).problem).toMatchObject({ status: 409, code: 'concurrency.stale_version' });
  });

  it('passes ProblemException status, code, field errors and headers through', () => {
    const { problem, headers } = toProblem(
      new ProblemException(401, 'auth.unauthenticated', 'Sign in.', { headers: { 'WWW-Authenticate': 'Bearer' }, errors: [{ field: 'authorization', message: 'is missing' }] }),
    );
    expect(problem).toMatchObject({ status: 401, code: 'auth.unauthenticated', detail: 'Sign in.', errors: [{ field: 'authorization', message: 'is missing' }] });
    expect(problem).not.toHaveProperty('headers');
    expect(headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });

  it('gives Nest HTTP exceptions stable codes', () => {
    expect(toProblem(new NotFoundException()).problem).toMatchObject({ status: 404, code: 'route.not_found' });
    expect(toProblem(new HttpException('nope', 405)).problem).toMatchObject({ status: 405, code: 'route.method_not_allowed' });
    expect(toProblem(new BadRequestException('Unexpected end of JSON input')).problem).toMatchObject({ status: 400, code: 'request.malformed_json' });
  });

  it('maps the rate limiter and Fastify body errors', () => {
    const limited = toProblem(Object.assign(new Error('Too many requests; retry in 7 s.'), { statusCode: 429, retryAfter: 7, rateLimited: true }));
    expect(limited.problem).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(limited.headers).toEqual({ 'retry-after': '7' });
    expect(toProblem({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413, message: 'too large' }).problem).toMatchObject({ status: 413, code: 'request.body_too_large' });
  });

  it('hides the internals of unexpected errors', () => {
    const { problem, unexpected } = toProblem(new TypeError('cannot read properties of undefined (reading password_hash)'));
    expect(unexpected).toBe(true);
    expect(problem).toMatchObject({ status: 500, code: 'internal' });
    expect(JSON.stringify(problem)).not.toContain('password_hash');
  });
});
