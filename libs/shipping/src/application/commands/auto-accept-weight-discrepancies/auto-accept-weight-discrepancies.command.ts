/** Closes open cases whose answer deadline is at or before `at`: the courier's weight stands. */
export class AutoAcceptWeightDiscrepancies {
  constructor(
    readonly at: Date,
    readonly limit: number,
  ) {}
}

export interface AutoAcceptResult {
  autoAccepted: number;
}
