import { Injectable, PipeTransform } from '@nestjs/common';
import { isUuid } from '@shipcrowd/kernel';
import { companyOf, Principal, ProblemException } from '@shipcrowd/platform';
import type { OrdersActor } from '../../application/actor';

export function ordersActor(principal: Principal): OrdersActor {
  return { companyId: companyOf(principal), userId: principal.userId };
}

/** A path id that is not a UUID cannot name anything: 404, the same as another company's id. */
@Injectable()
export class IdOr404 implements PipeTransform<string, string> {
  constructor(private readonly code: string) {}

  transform(value: string): string {
    if (!isUuid(value)) throw new ProblemException(404, this.code, 'Not found.');
    return value;
  }
}
