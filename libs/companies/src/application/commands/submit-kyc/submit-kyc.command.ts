import type { Actor } from '../../actor';

export class SubmitKyc {
  constructor(readonly actor: Actor) {}
}
