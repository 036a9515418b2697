import { StatusMappingTable, statusMapper } from '../../../domain/status-mapping';

/**
 * Shree Maruti (Delcaper) order states: `orderStateInfo[].state` and `orderStatus`. The forward states are the
 * ORDER STATUS table public integrations copy from Delcaper's docs; the failed-delivery, return and loss states are
 * modelled (see README) until the full table is obtained.
 */
export const MARUTI_STATUS_TABLE: StatusMappingTable = {
  NEW: 'booked',
  IN_PROCESS: 'booked',
  READY_FOR_DISPATCH: 'manifested',
  OUT_FOR_PICKUP: 'pickup_scheduled',
  NOT_PICKED_UP: 'pickup_scheduled',
  PICKED_UP: 'picked_up',
  IN_TRANSIT: 'in_transit',
  ON_HOLD: 'in_transit',
  OUT_FOR_DELIVERY: 'out_for_delivery',
  DELIVERED: 'delivered',
  CANCELLED: 'cancelled',
  CANCELED: 'cancelled',
  // Modelled:
  UNDELIVERED: 'ndr',
  RTO_INITIATED: 'rto_initiated',
  RTO_IN_TRANSIT: 'rto_in_transit',
  RTO_DELIVERED: 'rto_delivered',
  LOST: 'lost',
  DAMAGED: 'damaged',
};

export const marutiStatus = statusMapper(MARUTI_STATUS_TABLE);
