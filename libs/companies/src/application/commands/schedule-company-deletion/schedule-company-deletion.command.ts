import type { Actor } from '../../actor';

export class ScheduleCompanyDeletion {
  constructor(
    readonly actor: Actor,
    readonly confirmName: string,
  ) {}
}

export class CancelCompanyDeletion {
  constructor(readonly actor: Actor) {}
}
