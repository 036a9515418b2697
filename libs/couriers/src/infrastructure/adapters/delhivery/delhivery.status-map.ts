import type { ShipmentStatus } from '../../../../contracts';
import { statusMapper, StatusMappingTable } from '../../../domain/status-mapping';

/**
 * Delhivery describes a scan by three values: StatusType (UD forward, DL closed, RT return, PP/PU reverse pickup,
 * CN cancelled, LT lost), Status (Manifested, Not Picked, In Transit, Pending, Dispatched, Delivered, RTO, DTO, ...)
 * and the NSL StatusCode (X-UCI, X-PPOM, EOD-11 ...). The StatusType|Status pair is the documented lifecycle; the
 * NSL code refines it where the pair is ambiguous (a pick-up and a line-haul scan are both "UD In Transit").
 */
export const DELHIVERY_LIFECYCLE_STATUS: StatusMappingTable = {
  'UD|Manifested': 'manifested',
  'UD|Not Picked': 'manifested',
  'UD|In Transit': 'in_transit',
  'UD|Pending': 'in_transit',
  'UD|Dispatched': 'out_for_delivery',
  'DL|Delivered': 'delivered',
  'RT|In Transit': 'rto_in_transit',
  'RT|Pending': 'rto_in_transit',
  'RT|Dispatched': 'rto_in_transit',
  'DL|RTO': 'rto_delivered',
  'PP|Open': 'booked',
  'PP|Scheduled': 'pickup_scheduled',
  'PP|Dispatched': 'pickup_scheduled',
  'PU|In Transit': 'in_transit',
  'PU|Pending': 'in_transit',
  'PU|Dispatched': 'out_for_delivery',
  'DL|DTO': 'delivered',
  'CN|Canceled': 'cancelled',
  'CN|Cancelled': 'cancelled',
  'CN|Closed': 'cancelled',
  'LT|Lost': 'lost',
};

/**
 * Raw codes (StatusType/NSL code) that name the state on their own, as seen in Delhivery tracking answers. Keyed with
 * the StatusType so a code reused on the return leg (an RT "Out for delivery" is RTO transit) is not misread.
 */
export const DELHIVERY_RAW_CODE_STATUS: StatusMappingTable = {
  'UD/X-UCI': 'manifested', // Manifest uploaded
  'UD/FMPUR-101': 'pickup_scheduled', // Pickup scheduled
  'UD/X-PPOM': 'picked_up', // Shipment picked up
  'UD/X-PIOM': 'picked_up', // Shipment received at origin center
  'UD/X-DDD3FD': 'out_for_delivery', // Out for delivery
  'DL/EOD-38': 'delivered', // Delivered to consignee
  'RT/RT-101': 'rto_initiated', // Returned as per client instructions
  'DL/RD-AC': 'rto_delivered', // RTO accepted at origin
};

const byRawCode = statusMapper(DELHIVERY_RAW_CODE_STATUS);
const byLifecycle = statusMapper(DELHIVERY_LIFECYCLE_STATUS);

/**
 * One Delhivery scan in the unified taxonomy. An EOD-* (end-of-delivery attempt) code on a forward shipment that is
 * not delivered is a failed attempt: NDR, whatever its reason code (Delhivery keeps adding EOD reasons).
 */
export function delhiveryScanStatus(statusType: string, status: string, nslCode: string | null): ShipmentStatus {
  const refined = byRawCode(delhiveryRawCode(statusType, status, nslCode));
  if (refined !== 'exception') return refined;
  if (statusType.trim().toUpperCase() === 'UD' && /^EOD-/i.test(nslCode?.trim() ?? '')) return 'ndr';
  return byLifecycle(`${statusType.trim()}|${status.trim()}`);
}

/** The raw code kept on every event: StatusType plus the NSL code (or the Status when a scan has no NSL code). */
export function delhiveryRawCode(statusType: string, status: string, nslCode: string | null): string {
  return `${statusType.trim()}/${nslCode?.trim() || status.trim()}`;
}
