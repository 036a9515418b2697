import { Injectable, PipeTransform } from '@nestjs/common';
import { isUuid } from '@shipcrowd/kernel';
import { decodeCursor, ProblemException } from '@shipcrowd/platform';
import type { CardPosition } from '../../infrastructure/persistence/pricing-store';

/** A path id that is not a UUID cannot name anything: 404. */
@Injectable()
export class UuidOr404 implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!isUuid(value)) throw new ProblemException(404, `${this.what}.not_found`, `No such ${this.what.replace(/_/g, ' ')}.`);
    return value;
  }
}

/** A version number in the path: a positive integer, else 404. */
@Injectable()
export class VersionOr404 implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) throw new ProblemException(404, 'rate_card_version.not_found', 'No such rate card version.');
    return Number(value);
  }
}

export function dateOrNull(value: string | null | undefined): Date | null | undefined {
  if (value === undefined) return undefined;
  return value === null ? null : new Date(value);
}

/** The position a rate-card page's `nextCursor` names; 422 for a cursor this API did not issue. */
export function cardCursor(cursor: string | undefined): CardPosition | undefined {
  const c = decodeCursor<Partial<Record<keyof CardPosition, unknown>>>(cursor);
  if (!c) return undefined;
  const { scope, courier, service, id } = c;
  if (typeof scope !== 'string' || typeof courier !== 'string' || typeof service !== 'string' || typeof id !== 'string' || !isUuid(id)) {
    throw new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued', { errors: [{ field: 'cursor', message: 'is not a valid cursor', code: 'invalid_cursor' }] });
  }
  return { scope, courier, service, id };
}
