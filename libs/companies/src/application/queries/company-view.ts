import type { CompanyStatus, PostalAddress } from '../../domain/company';
import { GST_STATE_CODES } from '../../domain/gst';

/** The company as the API shows it (members and admins alike). */
export interface CompanyView {
  id: string;
  name: string;
  displayName: string | null;
  website: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  address: (PostalAddress & { stateName: string }) | null;
  billing: {
    legalName: string;
    gstin: string | null;
    pan: string;
    addressLine1: string;
    addressLine2: string | null;
    city: string;
    pincode: string;
    stateCode: string;
    stateName: string;
  } | null;
  branding: { primaryColor: string | null; secondaryColor: string | null; logoUrl: string | null; logoUrlExpiresAt: string | null };
  status: CompanyStatus;
  statusReason: string | null;
  kycSubmittedAt: string | null;
  reviewedAt: string | null;
  deletionScheduledFor: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CompanyRowLike {
  id: string;
  name: string;
  displayName: string | null;
  website: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  address: PostalAddress | null;
  legalName: string | null;
  gstin: string | null;
  pan: string | null;
  billingAddress: PostalAddress | null;
  primaryColor: string | null;
  secondaryColor: string | null;
  logoKey: string | null;
  status: CompanyStatus;
  statusReason: string | null;
  kycSubmittedAt: Date | null;
  reviewedAt: Date | null;
  deletionScheduledFor: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export function toCompanyView(row: CompanyRowLike, logo: { url: string; expiresAt: Date } | null): CompanyView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    name: row.name,
    displayName: row.displayName,
    website: row.website,
    supportEmail: row.supportEmail,
    supportPhone: row.supportPhone,
    address: row.address ? { ...row.address, line2: row.address.line2 ?? null, stateName: GST_STATE_CODES[row.address.stateCode] ?? row.address.stateCode } : null,
    billing:
      row.legalName && row.pan && row.billingAddress
        ? {
            legalName: row.legalName,
            gstin: row.gstin,
            pan: row.pan,
            addressLine1: row.billingAddress.line1,
            addressLine2: row.billingAddress.line2 ?? null,
            city: row.billingAddress.city,
            pincode: row.billingAddress.pincode,
            stateCode: row.billingAddress.stateCode,
            stateName: GST_STATE_CODES[row.billingAddress.stateCode] ?? row.billingAddress.stateCode,
          }
        : null,
    branding: { primaryColor: row.primaryColor, secondaryColor: row.secondaryColor, logoUrl: logo?.url ?? null, logoUrlExpiresAt: logo ? logo.expiresAt.toISOString() : null },
    status: row.status,
    statusReason: row.statusReason,
    kycSubmittedAt: iso(row.kycSubmittedAt),
    reviewedAt: iso(row.reviewedAt),
    deletionScheduledFor: iso(row.deletionScheduledFor),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
