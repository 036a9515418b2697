import { StatusMappingTable, statusMapper } from '../../../domain/status-mapping';

/**
 * OM Logistics docket (CN) status codes, `STATUS_CODE` of a track history row. OM publishes no API status table:
 * these codes are modelled on the milestones of a surface freight docket (booking, manifest, pickup, branch
 * departures and arrivals, appointment, delivery with POD, shortage/damage) and must be replaced when OM's list
 * is obtained (see README).
 */
export const OM_LOGISTICS_STATUS_TABLE: StatusMappingTable = {
  BKD: 'booked', // Docket booked
  MNF: 'manifested', // Load manifested at the origin branch
  PKS: 'pickup_scheduled', // Pickup scheduled
  PKD: 'picked_up', // Picked up from consignor
  DEP: 'in_transit', // Departed from branch
  ARR: 'in_transit', // Arrived at hub / branch
  HLD: 'in_transit', // Held at branch (awaiting vehicle or appointment)
  APT: 'in_transit', // Delivery appointment fixed with consignee
  OFD: 'out_for_delivery', // Out for delivery
  UND: 'ndr', // Undelivered
  DLV: 'delivered', // Delivered, POD taken
  RTI: 'rto_initiated', // Return to consignor initiated
  RTT: 'rto_in_transit', // Return in transit
  RTD: 'rto_delivered', // Returned to consignor
  SHT: 'lost', // Shortage: consignment not traceable
  DMG: 'damaged', // Damaged
  CAN: 'cancelled', // Docket cancelled
};

export const omLogisticsStatus = statusMapper(OM_LOGISTICS_STATUS_TABLE);
