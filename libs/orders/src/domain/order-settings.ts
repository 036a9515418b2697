import { DomainError } from '@shipcrowd/kernel';
import type { DuplicateMode } from './duplicates';

/** A company's order rules. */
export interface OrderSettings {
  /** Minutes after creation during which an order may still be edited. */
  modificationWindowMinutes: number;
  duplicateMode: DuplicateMode;
  /** How far back "same phone + amount + items" counts as a duplicate. */
  duplicateWindowMinutes: number;
}

export const DEFAULT_ORDER_SETTINGS: OrderSettings = { modificationWindowMinutes: 30, duplicateMode: 'reject', duplicateWindowMinutes: 24 * 60 };

export function checkOrderSettings(s: OrderSettings): OrderSettings {
  const errors: { field: string; message: string; code: string }[] = [];
  if (!Number.isInteger(s.modificationWindowMinutes) || s.modificationWindowMinutes < 0 || s.modificationWindowMinutes > 7 * 24 * 60) {
    errors.push({ field: 'modificationWindowMinutes', code: 'range', message: 'must be a whole number of minutes from 0 to 10080 (7 days)' });
  }
  if (s.duplicateMode !== 'reject' && s.duplicateMode !== 'flag') errors.push({ field: 'duplicateMode', code: 'one_of', message: 'must be reject or flag' });
  if (!Number.isInteger(s.duplicateWindowMinutes) || s.duplicateWindowMinutes < 1 || s.duplicateWindowMinutes > 30 * 24 * 60) {
    errors.push({ field: 'duplicateWindowMinutes', code: 'range', message: 'must be a whole number of minutes from 1 to 43200 (30 days)' });
  }
  if (errors.length) throw new DomainError('order_settings.invalid', errors.map((e) => `${e.field} ${e.message}`).join('; '), 'validation', { errors });
  return s;
}
