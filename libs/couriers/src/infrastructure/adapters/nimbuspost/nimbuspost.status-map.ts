import type { StatusMappingTable } from '../../../domain/status-mapping';

/** NimbusPost tracking `status_code`s (history and webhooks) to the unified taxonomy. */
export const NIMBUSPOST_STATUS_MAP: StatusMappingTable = {
  BOOKED: 'booked',
  PP: 'manifested', // pending pickup: booked and manifested, waiting for the courier
  OFP: 'pickup_scheduled', // out for pickup
  PU: 'picked_up',
  IT: 'in_transit',
  OFD: 'out_for_delivery',
  EX: 'ndr', // exception: a failed delivery attempt waiting for an NDR action
  DL: 'delivered',
  RT: 'rto_initiated',
  'RT-IT': 'rto_in_transit',
  'RT-DL': 'rto_delivered',
  LT: 'lost',
  DG: 'damaged',
  CN: 'cancelled',
};
