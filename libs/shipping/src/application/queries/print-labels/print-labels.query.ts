import type { LabelFormat } from '../../../infrastructure/documents';

/** forward: the outbound label; rto: the label taking an undelivered parcel back to the warehouse. */
export type LabelKind = 'forward' | 'rto';

/** Labels of up to 500 shipments as one PDF, in the order given; without a format, the first size every courier accepts. */
export class PrintLabels {
  constructor(
    readonly companyId: string,
    readonly shipmentIds: readonly string[],
    readonly format: LabelFormat | undefined,
    readonly kind: LabelKind = 'forward',
  ) {}
}
