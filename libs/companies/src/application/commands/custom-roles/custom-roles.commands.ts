import type { Actor } from '../../actor';

export class CreateCustomRole {
  constructor(
    readonly actor: Actor,
    readonly role: { key: string; name: string; description?: string | null; permissions: string[] },
  ) {}
}

export class UpdateCustomRole {
  constructor(
    readonly actor: Actor,
    readonly key: string,
    readonly patch: { name?: string; description?: string | null; permissions?: string[] },
    readonly expectedVersion?: number,
  ) {}
}

export class DeleteCustomRole {
  constructor(
    readonly actor: Actor,
    readonly key: string,
  ) {}
}
