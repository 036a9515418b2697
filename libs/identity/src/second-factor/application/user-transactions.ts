import { Injectable } from '@nestjs/common';
import { Tx, UnitOfWork } from '@shipcrowd/platform';

/**
 * Second-factor work runs inside the caller's unit of work when there is one (sign-in is one command),
 * else in its own, scoped to the user. Never a second transaction next to the caller's: with PGlite
 * there is one connection, and the work must commit or roll back with the caller's.
 */
@Injectable()
export class UserTransactions {
  constructor(private readonly uow: UnitOfWork) {}

  run<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.uow.scope() ? work(this.uow.tx()) : this.uow.run({ userId }, work);
  }
}
