import { StatusMappingTable, statusMapper } from '../../../domain/status-mapping';

/**
 * Intargos scan statuses (the `Status` of a ShipmentSummary scan row / `summary.status`). Public clients only show
 * that the field carries a short status title; the titles below are modelled (see README) and matched
 * case-insensitively, so "In Transit" and "IN TRANSIT" are one code.
 */
export const INTARGOS_STATUS_TABLE: StatusMappingTable = {
  Booked: 'booked',
  Manifested: 'manifested',
  'Pickup Scheduled': 'pickup_scheduled',
  'Out For Pickup': 'pickup_scheduled',
  'Picked Up': 'picked_up',
  'In Transit': 'in_transit',
  'Reached Destination Hub': 'in_transit',
  'Out For Delivery': 'out_for_delivery',
  Undelivered: 'ndr',
  Delivered: 'delivered',
  'RTO Initiated': 'rto_initiated',
  'RTO In Transit': 'rto_in_transit',
  'RTO Delivered': 'rto_delivered',
  Lost: 'lost',
  Damaged: 'damaged',
  Cancelled: 'cancelled',
};

export const intargosStatus = statusMapper(INTARGOS_STATUS_TABLE);
