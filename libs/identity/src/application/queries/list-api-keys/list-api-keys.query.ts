import { Query } from '@nestjs/cqrs';

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdByUserId: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export class ListApiKeys extends Query<ApiKeyView[]> {
  constructor(readonly companyId: string) {
    super();
  }
}
