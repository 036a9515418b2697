import type { StatusMappingTable } from '../../../domain/status-mapping';

/** DTDC tracking `strCode`s to the unified taxonomy. */
export const DTDC_STATUS_MAP: StatusMappingTable = {
  BKD: 'manifested', // booked: softdata received
  PCSC: 'pickup_scheduled',
  PCUP: 'picked_up',
  OBMN: 'in_transit', // outbound manifest
  OBMD: 'in_transit',
  CDOUT: 'in_transit', // dispatched
  CDIN: 'in_transit', // received at hub
  IBMN: 'in_transit', // inbound manifest
  IBMD: 'in_transit',
  OUTDLV: 'out_for_delivery',
  NONDLV: 'ndr', // not delivered
  DLV: 'delivered',
  SETRTO: 'rto_initiated',
  RTO: 'rto_in_transit',
  RTOOUTDLV: 'rto_in_transit',
  RTODLV: 'rto_delivered',
  LOST: 'lost',
  DMG: 'damaged',
  CAN: 'cancelled',
};
