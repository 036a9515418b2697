import { DomainError } from '@shipcrowd/kernel';
import type { LabelFormat } from '../../../infrastructure/documents';
import type { LabelKind } from './print-labels.query';

/** Statuses in which a shipment has a label of each kind to print. */
export const LABEL_PRINTABLE: Record<LabelKind, ReadonlySet<string>> = {
  forward: new Set(['booked', 'manifested', 'pickup_scheduled', 'picked_up', 'in_transit', 'out_for_delivery', 'ndr']),
  rto: new Set(['rto_initiated', 'rto_in_transit', 'rto_delivered']),
};

/** The first size is the one printed when the caller names none. */
const PREFERRED: readonly LabelFormat[] = ['4x6', 'a4'];

/**
 * The size to print shipments' labels in: the one asked for, else the first size every shipment's courier accepts.
 * A size some courier's hubs do not take is refused (label.size_unsupported), naming every shipment it would affect.
 */
export function labelFormatFor(shipments: readonly { id: string; courier: string }[], requested: LabelFormat | undefined, labelSizesOf: (courier: string) => readonly LabelFormat[]): LabelFormat {
  const refusing = (format: LabelFormat) => shipments.filter((s) => !labelSizesOf(s.courier).includes(format));
  const format = requested ?? PREFERRED.find((f) => refusing(f).length === 0) ?? PREFERRED[0];
  const refused = refusing(format);
  if (!refused.length) return format;
  const [first] = refused;
  const couriers = [...new Set(refused.map((s) => s.courier))];
  throw new DomainError(
    'label.size_unsupported',
    `${couriers.join(', ')} ${couriers.length > 1 ? 'do' : 'does'} not accept ${format} labels (${refused.length} shipment(s))${requested ? '' : '; no one size suits every courier here, so print them separately'}.`,
    'rule',
    {
      rule: 'labelSizes',
      limit: labelSizesOf(first.courier),
      actual: format,
      courier: first.courier,
      shipments: refused.map((s) => ({ shipmentId: s.id, courier: s.courier, limit: labelSizesOf(s.courier) })),
    },
  );
}
