import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@shipcrowd/platform';
import { DocumentPrinter } from '../../application/ports/document-printer.port';
import { BrowserPool } from './browser-pool';
import type { CommercialInvoiceView, ManifestView, ProofOfDeliveryView, ShippingLabelView } from './document-views';
import type { LabelFormat } from './shipping-label.template';
import { PdfRenderer } from './pdf-renderer';

/** One shared Chromium per process with PDF_PAGE_POOL_SIZE pooled pages, started on the first document. */
@Injectable()
export class ChromiumDocumentPrinter extends DocumentPrinter implements OnApplicationShutdown {
  private readonly pool: BrowserPool;
  private readonly renderer: PdfRenderer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.pool = new BrowserPool({ size: config.PDF_PAGE_POOL_SIZE });
    this.renderer = new PdfRenderer(this.pool);
  }

  labels(views: readonly ShippingLabelView[], format: LabelFormat): Promise<Buffer> {
    return this.renderer.renderLabels(views, format);
  }

  manifest(view: ManifestView): Promise<Buffer> {
    return this.renderer.renderManifest(view);
  }

  proofOfDelivery(view: ProofOfDeliveryView): Promise<Buffer> {
    return this.renderer.renderProofOfDelivery(view);
  }

  commercialInvoice(view: CommercialInvoiceView): Promise<Buffer> {
    return this.renderer.renderCommercialInvoice(view);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
