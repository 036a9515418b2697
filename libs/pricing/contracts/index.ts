/** What other contexts may use of the pricing context (rate quotes). */
import type { Zone } from '@shipcrowd/geo/contracts';
import type { PaymentMode } from '@shipcrowd/serviceability/contracts';

export interface QuoteRequest {
  companyId: string;
  originPincode: string;
  destinationPincode: string;
  paymentMode: PaymentMode;
  codAmountPaise?: number;
  weightGrams: number;
  /** Length, breadth, height in cm (each package for multi-package: pass the sum of chargeable weights instead). */
  dimensionsCm?: { length: number; breadth: number; height: number };
  declaredValuePaise?: number;
  b2b?: boolean;
  /** Restrict to these couriers (e.g. a routing rule's preference); all when omitted. */
  couriers?: string[];
}

export interface QuoteLine {
  /** 'freight' | 'additional_weight' | 'cod_fee' | 'fuel_surcharge' | 'seasonal' | 'oda' | 'cgst' | 'sgst' | 'igst' */
  code: string;
  label: string;
  amountPaise: number;
}

export interface QuoteOption {
  courier: string;
  service: string;
  rateCardId: string;
  rateCardVersion: number;
  zone: Zone;
  chargeableWeightGrams: number;
  volumetricWeightGrams: number;
  expectedDeliveryDays: number | null;
  lines: QuoteLine[];
  /** Sum of lines before GST. */
  subtotalPaise: number;
  gstPaise: number;
  totalPaise: number;
  /** What an RTO would cost (RTO charge of the card: default 100% of forward freight), GST included. */
  rtoChargePaise: number;
  /** Selection score (0..1, higher is better) under the company's weights. */
  score: number;
  /** Which card priced it: 'base' | 'b2b' | 'vip' | 'company'. */
  rateCardScope?: string;
  /** The destination is out of the courier's regular area (an ODA line may be present). */
  oda?: boolean;
  courierName?: string;
  serviceName?: string;
}

export interface Quote {
  zone: Zone;
  zoneReason: string;
  options: QuoteOption[];
  recommended: { courier: string; service: string; reason: string } | null;
  unserviceable: { courier: string; service: string; code: string; reason: string }[];
  /** The selection weights the scores used (the company's, or the default 0.7 / 0.3 / 0). */
  weights?: { cost: number; speed: number; performance: number };
  /** GST treatment: 'intra_state' (CGST + SGST) or 'inter_state' (IGST), with the states compared. */
  gst?: { treatment: 'intra_state' | 'inter_state'; supplierStateCode: string; recipientStateCode: string; recipientSource: 'billing' | 'origin_pincode' };
}

export interface PricingFacade {
  quote(request: QuoteRequest): Promise<Quote>;
}

export const PRICING_FACADE = Symbol('PricingFacade');

export const PRICING_EVENTS = {
  rateCardActivated: 'pricing.rate_card_activated',
} as const;
