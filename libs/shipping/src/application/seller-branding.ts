/** How a seller's pages for buyers look (the same fields the printed documents use). */
export interface SellerBranding {
  companyName: string;
  /** #rgb or #rrggbb; anything else is ignored. */
  brandColour?: string;
  /** data:image/…;base64 only: buyer pages load nothing from elsewhere. */
  logoDataUrl?: string;
}

/** Where a company's branding comes from (bound in ShippingModule to the documents' branding, from the companies facade). */
export interface SellerBrandingSource {
  brandingOf(companyId: string): Promise<SellerBranding | null>;
}

export const SELLER_BRANDING = Symbol('SellerBrandingSource');
