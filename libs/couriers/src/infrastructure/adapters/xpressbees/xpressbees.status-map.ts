import type { StatusMappingTable } from '../../../domain/status-mapping';

/** Xpressbees scan codes (shipment history `status_code` and webhooks) to the unified taxonomy. */
export const XPRESSBEES_STATUS_MAP: StatusMappingTable = {
  DRC: 'manifested', // data received
  OFP: 'pickup_scheduled', // out for pickup
  PND: 'pickup_scheduled', // pickup not done, retried next slot
  PKD: 'picked_up',
  PUD: 'picked_up',
  IT: 'in_transit',
  RAD: 'in_transit', // reached at destination hub
  OFD: 'out_for_delivery',
  UD: 'ndr', // undelivered
  DLVD: 'delivered',
  RTON: 'rto_initiated', // RTO notified
  RTO: 'rto_in_transit',
  'RTO-IT': 'rto_in_transit',
  'RTO-OFD': 'rto_in_transit',
  RTD: 'rto_delivered',
  LOST: 'lost',
  DMG: 'damaged',
  STD: 'damaged', // shipment damaged
  CAN: 'cancelled',
};
