import type { StatusMappingTable } from '../../../domain/status-mapping';

/** Ecom Express `reason_code_number`s (tracking XML and webhooks) to the unified taxonomy. */
export const ECOM_EXPRESS_STATUS_MAP: StatusMappingTable = {
  '77': 'manifested', // soft data uploaded
  '1230': 'pickup_scheduled',
  '0011': 'picked_up', // field pickup done
  '002': 'in_transit',
  '003': 'in_transit', // bagged
  '004': 'in_transit', // reached destination
  '005': 'in_transit',
  '006': 'out_for_delivery',
  // Undelivered, one code per reason: the reason is in reason_code.
  '200': 'ndr',
  '201': 'ndr',
  '209': 'ndr',
  '210': 'ndr',
  '218': 'ndr',
  '219': 'ndr',
  '220': 'ndr',
  '221': 'ndr',
  '222': 'ndr',
  '223': 'ndr',
  '224': 'ndr',
  '227': 'ndr',
  '228': 'ndr',
  '231': 'ndr',
  '999': 'delivered',
  '777': 'rto_initiated',
  '778': 'rto_in_transit',
  '779': 'rto_delivered',
  '333': 'lost',
  '334': 'damaged',
  '1320': 'cancelled',
};
