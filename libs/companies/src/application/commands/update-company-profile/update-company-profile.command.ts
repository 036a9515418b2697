import type { CompanyProfile } from '../../../domain/company';
import type { Actor } from '../../actor';

export class UpdateCompanyProfile {
  constructor(
    readonly actor: Actor,
    readonly patch: Partial<CompanyProfile>,
    readonly expectedVersion?: number,
  ) {}
}
