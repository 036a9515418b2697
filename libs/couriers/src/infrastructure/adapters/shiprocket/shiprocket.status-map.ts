import { StatusMappingTable } from '../../../domain/status-mapping';

/**
 * Shiprocket's shipment status ids (`sr-status` on tracking activities, `current_status_id` on webhooks), as several
 * independent public clients list them. Ids for Shiprocket's own fulfilment centres (59-68) mean the order is still
 * at the seller's side. Left out on purpose, so they arrive as `exception` and get looked at: 16 cancellation
 * requested (not yet confirmed), 23 partially delivered, 47 QC failed, 71/72 handover and packing exceptions.
 */
export const SHIPROCKET_STATUS: StatusMappingTable = {
  '1': 'manifested', // AWB assigned: the courier has the shipment data
  '2': 'manifested', // label generated
  '3': 'pickup_scheduled', // pickup scheduled / generated
  '4': 'pickup_scheduled', // pickup queued
  '5': 'manifested', // manifest generated
  '6': 'in_transit', // shipped
  '7': 'delivered',
  '8': 'cancelled',
  '9': 'rto_initiated',
  '10': 'rto_delivered',
  '11': 'booked', // pending
  '12': 'lost',
  '13': 'pickup_scheduled', // pickup error: the courier tries again
  '14': 'rto_delivered', // RTO acknowledged by the seller
  '15': 'pickup_scheduled', // pickup rescheduled
  '17': 'out_for_delivery',
  '18': 'in_transit',
  '19': 'pickup_scheduled', // out for pickup
  '20': 'pickup_scheduled', // pickup exception
  '21': 'ndr', // undelivered
  '22': 'in_transit', // delayed
  '24': 'lost', // destroyed
  '25': 'damaged',
  '26': 'delivered', // fulfilled
  '38': 'in_transit', // reached at destination hub
  '39': 'in_transit', // misrouted
  '40': 'rto_in_transit', // RTO NDR
  '41': 'rto_in_transit', // RTO out for delivery
  '42': 'picked_up',
  '43': 'delivered', // self fulfilled
  '44': 'lost', // disposed off
  '45': 'cancelled', // cancelled before dispatch
  '46': 'rto_in_transit',
  '48': 'in_transit', // reached warehouse
  '49': 'in_transit', // custom cleared
  '50': 'in_transit', // in flight
  '51': 'picked_up', // handed over to courier
  '52': 'booked', // shipment booked
  '54': 'in_transit', // in transit overseas
  '55': 'in_transit', // connection aligned
  '56': 'in_transit', // reached overseas warehouse
  '57': 'in_transit', // custom cleared overseas
  '59': 'booked', // box packing
  '60': 'booked', // FC allocated
  '61': 'booked', // picklist generated
  '62': 'booked', // ready to pack
  '63': 'booked', // packed
  '67': 'manifested', // FC manifest generated
  '68': 'booked', // processed at warehouse
  '75': 'rto_initiated', // RTO lock
  '76': 'lost', // untraceable
  '77': 'ndr', // issue related to the recipient
  '78': 'rto_in_transit', // reached back at seller city
};
