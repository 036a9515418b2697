import type { CompanyStatus } from '../../../domain/company';

export class ListCompanies {
  constructor(
    readonly adminUserId: string,
    readonly filter: { status?: CompanyStatus; q?: string; cursor?: { id: string }; limit: number },
  ) {}
}

export interface CompanySummary {
  id: string;
  name: string;
  displayName: string | null;
  gstin: string | null;
  status: CompanyStatus;
  kycSubmittedAt: string | null;
  deletionScheduledFor: string | null;
  createdAt: string;
}
