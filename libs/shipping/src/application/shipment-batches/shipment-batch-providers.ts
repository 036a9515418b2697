import { ShipmentBatchesStore } from '../../infrastructure/persistence/shipment-batches.store';
import { RunShipmentBatchHandler } from '../commands/run-shipment-batch/run-shipment-batch.handler';
import { StartShipmentBatchHandler } from '../commands/start-shipment-batch/start-shipment-batch.handler';
import { GetShipmentBatchHandler, ListShipmentBatchesHandler, ListShipmentBatchItemsHandler } from '../queries/shipment-batches/shipment-batches.handlers';

/** Everything ShippingModule provides for shipment batches (bulk booking). */
export const SHIPMENT_BATCH_PROVIDERS = [ShipmentBatchesStore, StartShipmentBatchHandler, RunShipmentBatchHandler, GetShipmentBatchHandler, ListShipmentBatchesHandler, ListShipmentBatchItemsHandler];
