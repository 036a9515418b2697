export * from './document-views';
export { BrowserPool, BrowserPoolTimeoutError, ChromiumMissingError, type BrowserPoolOptions, type BrowserPoolStats } from './browser-pool';
export { PdfRenderer, LABEL_PDF_OPTIONS, MAX_LABELS_PER_REQUEST, type PdfRendererOptions } from './pdf-renderer';
export { shippingLabelsHtml, LABELS_PER_PAGE, type LabelFormat } from './shipping-label.template';
export { manifestHtml, manifestTotals, type ManifestTotals } from './manifest.template';
export { commercialInvoiceHtml, invoiceAmounts, type InvoiceAmounts } from './commercial-invoice.template';
export { proofOfDeliveryHtml } from './proof-of-delivery.template';
