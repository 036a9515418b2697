import { DomainError } from '@shipcrowd/kernel';
import type { LabelFormat } from '../../../infrastructure/documents';
import { labelFormatFor } from './label-rules';

const SIZES: Record<string, readonly LabelFormat[]> = { thermal: ['4x6'], sheet: ['a4'], both: ['4x6', 'a4'] };
const sizesOf = (courier: string) => SIZES[courier];
const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('labelFormatFor', () => {
  it('prints the size asked for when every courier takes it', () => {
    expect(labelFormatFor([{ id: 'a', courier: 'both' }, { id: 'b', courier: 'sheet' }], 'a4', sizesOf)).toBe('a4');
  });

  it('picks 4x6 when nothing is asked and every courier takes it, else A4', () => {
    expect(labelFormatFor([{ id: 'a', courier: 'both' }, { id: 'b', courier: 'thermal' }], undefined, sizesOf)).toBe('4x6');
    expect(labelFormatFor([{ id: 'a', courier: 'both' }, { id: 'b', courier: 'sheet' }], undefined, sizesOf)).toBe('a4');
  });

  it('refuses a size some couriers do not take, naming each shipment with its courier and sizes', () => {
    const error = refusal(() => labelFormatFor([{ id: 'a', courier: 'both' }, { id: 'b', courier: 'thermal' }, { id: 'c', courier: 'thermal' }], 'a4', sizesOf));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('label.size_unsupported');
    expect(error.kind).toBe('rule');
    expect(error.details).toEqual({
      rule: 'labelSizes',
      limit: ['4x6'],
      actual: 'a4',
      courier: 'thermal',
      shipments: [
        { shipmentId: 'b', courier: 'thermal', limit: ['4x6'] },
        { shipmentId: 'c', courier: 'thermal', limit: ['4x6'] },
      ],
    });
  });

  it('refuses when no one size suits every courier and none was asked for', () => {
    const error = refusal(() => labelFormatFor([{ id: 'a', courier: 'thermal' }, { id: 'b', courier: 'sheet' }], undefined, sizesOf));
    expect(error.details).toMatchObject({ actual: '4x6', shipments: [{ shipmentId: 'b', courier: 'sheet', limit: ['a4'] }] });
    expect(error.message).toMatch(/print them separately/);
  });
});
