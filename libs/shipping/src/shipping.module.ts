import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { UpdateShipmentPackagesHandler } from './application/commands/update-shipment-packages/update-shipment-packages.handler';
import { CreateManifestHandler } from './application/commands/create-manifest/create-manifest.handler';
import { BookShipmentHandler } from './application/commands/book-shipment/book-shipment.handler';
import { ReconcileStaleBookingsHandler } from './application/commands/reconcile-stale-bookings/reconcile-stale-bookings.handler';
import { BookingCompletion } from './application/booking-completion';
import { CancelShipmentHandler } from './application/commands/cancel-shipment/cancel-shipment.handler';
import { PollTrackingHandler } from './application/commands/poll-tracking/poll-tracking.handler';
import { RequestPickupHandler } from './application/commands/request-pickup/request-pickup.handler';
import { RecordTrackingHandler } from './application/commands/record-tracking/record-tracking.handler';
import { GetShipmentHandler } from './application/queries/get-shipment/get-shipment.handler';
import { ListShipmentsHandler } from './application/queries/list-shipments/list-shipments.handler';
import { DocumentBranding } from './application/documents/document-branding';
import { SELLER_BRANDING, SellerBrandingSource } from './application/seller-branding';
import { DocumentPrinter } from './application/ports/document-printer.port';
import { GetManifestHandler, ListManifestsHandler } from './application/queries/list-manifests/list-manifests.handler';
import { PrintProofOfDeliveryHandler } from './application/queries/print-proof-of-delivery/print-proof-of-delivery.handler';
import { PrintLabelsHandler } from './application/queries/print-labels/print-labels.handler';
import { PrintCommercialInvoiceHandler } from './application/queries/print-commercial-invoice/print-commercial-invoice.handler';
import { FetchCourierLabelHandler } from './application/queries/fetch-courier-label/fetch-courier-label.handler';
import { ListPickupsHandler } from './application/queries/list-pickups/list-pickups.handler';
import { GetPublicTrackingHandler } from './application/queries/public-tracking/public-tracking.handler';
import { AcceptCourierWebhook } from './application/tracking-ingest/accept-courier-webhook';
import { TRACKING_INGEST_QUEUE } from './application/tracking-ingest/tracking-ingest.queue';
import { SHIPMENT_BATCH_PROVIDERS } from './application/shipment-batches/shipment-batch-providers';
import { SHIPMENT_BATCHES_QUEUE } from './application/shipment-batches/shipment-batches.queue';
import { ChromiumDocumentPrinter } from './infrastructure/documents/chromium-document-printer';
import { ShipmentsStore } from './infrastructure/persistence/shipments.store';
import { WEIGHT_DISCREPANCY_PROVIDERS } from './application/weight-discrepancies/weight-discrepancy-providers';

/**
 * The shipping context: booking, cancelling and tracking shipments. Needs ORDERS_FACADE, WAREHOUSES_FACADE,
 * PRICING_FACADE, COURIERS_FACADE, COMPANIES_FACADE and GEO_FACADE from the process root.
 */
@Module({
  imports: [BullModule.registerQueue({ name: TRACKING_INGEST_QUEUE }, { name: SHIPMENT_BATCHES_QUEUE })],
  providers: [
    BookShipmentHandler,
    BookingCompletion,
    ReconcileStaleBookingsHandler,
    CancelShipmentHandler,
    UpdateShipmentPackagesHandler,
    RecordTrackingHandler,
    PollTrackingHandler,
    RequestPickupHandler,
    ListPickupsHandler,
    ListShipmentsHandler,
    GetShipmentHandler,
    GetPublicTrackingHandler,
    AcceptCourierWebhook,
    ShipmentsStore,
    CreateManifestHandler,
    ListManifestsHandler,
    GetManifestHandler,
    PrintLabelsHandler,
    PrintProofOfDeliveryHandler,
    PrintCommercialInvoiceHandler,
    FetchCourierLabelHandler,
    DocumentBranding,
    { provide: SELLER_BRANDING, inject: [DocumentBranding], useFactory: (branding: DocumentBranding): SellerBrandingSource => ({ brandingOf: (companyId) => branding.of(companyId) }) },
    { provide: DocumentPrinter, useClass: ChromiumDocumentPrinter },
    ...WEIGHT_DISCREPANCY_PROVIDERS,
    ...SHIPMENT_BATCH_PROVIDERS,
  ],
  exports: [AcceptCourierWebhook, BullModule, SELLER_BRANDING],
})
export class ShippingModule {}
