import { Command } from '@nestjs/cqrs';
import type { Principal } from '@shipcrowd/platform';

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  createdAt: string;
  /** Shown once; only a hash is kept. */
  key: string;
}

export class CreateApiKey extends Command<CreatedApiKey> {
  constructor(
    readonly principal: Principal,
    readonly input: { name: string; scopes: string[]; expiresAt?: Date },
  ) {
    super();
  }
}
