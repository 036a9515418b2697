import type { LabelFormat } from '../../../infrastructure/documents';

/** Labels of up to 500 shipments as one PDF, in the order given. */
export class PrintLabels {
  constructor(
    readonly companyId: string,
    readonly shipmentIds: readonly string[],
    readonly format: LabelFormat,
  ) {}
}
