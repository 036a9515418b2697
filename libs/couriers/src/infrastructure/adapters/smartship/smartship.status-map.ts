import { StatusMappingTable, statusMapper } from '../../../domain/status-mapping';

/**
 * SmartShip's numeric `status_code` (tracking rows) / `status` (webhooks), as public integrations list them with
 * their descriptions. 24 ("Courier Assigned") is read as the pickup being arranged; 26 (a cancellation request,
 * not yet a cancellation) is mapped to `exception` on purpose so someone confirms the outcome.
 */
export const SMARTSHIP_STATUS_TABLE: StatusMappingTable = {
  '0': 'booked', // Open
  '2': 'booked', // Confirmed
  '3': 'booked', // Shipping Label Generated
  '4': 'manifested', // Manifested
  '24': 'pickup_scheduled', // Courier Assigned
  '36': 'picked_up', // Handed Over to Courier
  '10': 'in_transit', // Shipped
  '27': 'in_transit', // In Transit
  '207': 'in_transit', // Shipped - In Transit - Misrouted
  '209': 'in_transit', // Shipped - In Transit - Destination Reached
  '59': 'in_transit', // In Transit Delay - ODA Location / Area Not Accessible
  '30': 'out_for_delivery', // Out For Delivery
  '12': 'ndr', // Delivery Attempted - Out Of Delivery Area
  '13': 'ndr', // Delivery Attempted - Address Issue / Wrong Address
  '14': 'ndr', // Delivery Attempted - COD Not Ready
  '15': 'ndr', // Delivery Attempted - Customer Not Available / Contactable
  '16': 'ndr', // Delivery Attempted - Customer Refused To Accept Delivery
  '17': 'ndr', // Delivery Attempted - Requested For Future Delivery
  '22': 'ndr', // Delivery Attempted - Requested For Open Delivery
  '23': 'ndr', // Delivery Attempted - Others
  '210': 'ndr', // Delivery Not Attempted
  '214': 'ndr', // Delivery Attempted - Refused by Customer with OTP
  '11': 'delivered', // Delivered
  '48': 'delivered', // Delivery Confirmed by Customer
  '18': 'rto_initiated', // Return To Origin
  '28': 'rto_in_transit', // RTO In Transit
  '212': 'rto_in_transit', // RTO - In Transit - Damaged
  '19': 'rto_delivered', // RTO Delivered To Shipper
  '199': 'rto_delivered', // RTO - Delivered to FC
  '198': 'rto_in_transit', // RTO - Rejected by Merchant
  '189': 'lost', // Forward Shipment Lost
  '9': 'cancelled', // NSS: not serviceable, never picked up
  '185': 'cancelled', // Cancelled By Client
  '26': 'exception', // Cancellation Requested By Client
};

export const smartshipStatus = statusMapper(SMARTSHIP_STATUS_TABLE);

