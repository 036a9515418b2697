import { Injectable, PipeTransform } from '@nestjs/common';
import { isUuid } from '@shipcrowd/kernel';
import { companyOf, decodeCursor, Principal, ProblemException } from '@shipcrowd/platform';
import type { Actor } from '../../application/actor';

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, companyId: companyOf(principal), permissions: principal.permissions, via: principal.via };
}

/** A path id that is not a UUID cannot name anything: 404, same as an id from another company. */
@Injectable()
export class UuidOr404 implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!isUuid(value)) throw new ProblemException(404, `${this.what}.not_found`, `No such ${this.what.replace(/_/g, ' ')}.`);
    return value;
  }
}

export function idCursor(cursor: string | undefined): { id: string } | undefined {
  const decoded = decodeCursor<{ id?: unknown }>(cursor);
  if (!decoded) return undefined;
  if (!isUuid(decoded.id)) {
    throw new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued', { errors: [{ field: 'cursor', message: 'is not a valid cursor', code: 'invalid_cursor' }] });
  }
  return { id: decoded.id };
}
