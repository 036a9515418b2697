import type { WarehouseDetailView } from '../../application/warehouse-view';
import { formatDayHours, WEEKDAYS } from '../../domain/operating-hours';
import { neutraliseCell } from '../../domain/warehouse-csv';

/** One warehouse as an export record, in WAREHOUSE_CSV_COLUMNS + export extras order. */
export function exportRecord(w: WarehouseDetailView): string[] {
  const cells = [
    w.code,
    w.name,
    w.contactName,
    w.contactPhone,
    w.contactEmail ?? '',
    w.addressLine1,
    w.addressLine2 ?? '',
    w.landmark ?? '',
    w.pincode,
    w.gstin ?? '',
    ...WEEKDAYS.map((d) => formatDayHours(w.operatingHours[d])),
    String(w.isDefault),
    String(w.active),
    w.city,
    w.state,
    w.gstStateCode,
    w.latitude === null || w.latitude === undefined ? '' : String(w.latitude),
    w.longitude === null || w.longitude === undefined ? '' : String(w.longitude),
  ];
  return cells.map(neutraliseCell);
}
