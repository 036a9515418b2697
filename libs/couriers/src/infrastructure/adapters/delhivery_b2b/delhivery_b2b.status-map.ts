import { StatusMappingTable } from '../../../domain/status-mapping';

/**
 * The LR statuses of Delhivery's B2B (LTL) track API, as its B2B API documentation lists them. Left out on purpose,
 * so it arrives as `exception` and gets looked at: PART_DEL (some boxes of the LR delivered). `CANCELLED` is the
 * simulator's wording for a cancelled LR (the documentation only says the package becomes "Returned").
 * Pushed scans use Delhivery's B2C vocabulary (StatusType/Status/NSL) and map through the Delhivery tables.
 */
export const DELHIVERY_B2B_STATUS: StatusMappingTable = {
  MANIFESTED: 'manifested',
  NOT_PICKED: 'manifested',
  PICKED_UP: 'picked_up',
  LEFT_ORIGIN: 'in_transit',
  REACH_DESTINATION: 'in_transit',
  OFD: 'out_for_delivery',
  UNDEL_REATTEMPT: 'ndr',
  DELIVERED: 'delivered',
  RETURNED_INTRANSIT: 'rto_initiated',
  RECEIVED_AT_RETURN_CENTER: 'rto_in_transit',
  RETURN_OFD: 'rto_in_transit',
  RETURN_DELIVERED: 'rto_delivered',
  LOST: 'lost',
  CANCELLED: 'cancelled',
};
