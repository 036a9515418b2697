import type { Company } from '../domain/company';

/** What audit entries record as before/after for a company (no internal keys). */
export function companySnapshot(company: Company): Record<string, unknown> {
  const p = company.props;
  return {
    version: company.version,
    status: p.status,
    statusReason: p.statusReason,
    profile: p.profile,
    billing: p.billing,
    branding: { primaryColor: p.branding.primaryColor, secondaryColor: p.branding.secondaryColor, hasLogo: !!p.branding.logoKey },
    deletionScheduledFor: p.deletionScheduledFor?.toISOString() ?? null,
  };
}
