import type { Actor } from '../../actor';

/** Cancels every order of a finished import that has not shipped (through the orders context), audited. */
export class RollbackOrderImport {
  constructor(
    readonly actor: Actor,
    readonly importId: string,
  ) {}
}
