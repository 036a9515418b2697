import type { CommercialInvoiceView, LabelFormat, ManifestView, ProofOfDeliveryView, ShippingLabelView } from '../../infrastructure/documents';

/** Prints shipping documents to PDF (application/pdf bytes). */
export abstract class DocumentPrinter {
  abstract labels(views: readonly ShippingLabelView[], format: LabelFormat): Promise<Buffer>;
  abstract manifest(view: ManifestView): Promise<Buffer>;
  abstract proofOfDelivery(view: ProofOfDeliveryView): Promise<Buffer>;
  abstract commercialInvoice(view: CommercialInvoiceView): Promise<Buffer>;
}
