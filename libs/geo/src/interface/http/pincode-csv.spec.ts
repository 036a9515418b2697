import { ProblemException } from '@shipcrowd/platform';
import { parsePincodeCsv } from './pincode-csv';

const csv = (text: string) => Buffer.from(text, 'utf8');
const problemOf = (bytes: Buffer, maxRows?: number) => {
  try {
    parsePincodeCsv(bytes, maxRows);
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    return (error as ProblemException).code;
  }
  throw new Error('expected a problem');
};

describe('pincode CSV', () => {
  it('reads the pincode column with its line numbers; the header is optional and a BOM is fine', () => {
    expect(parsePincodeCsv(csv('\uFEFFpincode\r\n560001\r\n\r\n"560034"\r\n'))).toEqual([
      { row: 2, value: '560001' },
      { row: 4, value: '560034' },
    ]);
    expect(parsePincodeCsv(csv('560001\n560034\n'))).toEqual([
      { row: 1, value: '560001' },
      { row: 2, value: '560034' },
    ]);
    expect(parsePincodeCsv(csv('name,Pin Code\nHQ,560001\nShop, 560034 \nshort\n'))).toEqual([
      { row: 2, value: '560001' },
      { row: 3, value: '560034' },
      { row: 4, value: '' },
    ]);
    expect(parsePincodeCsv(csv('name;pincode\nHQ;560001\n'))).toEqual([{ row: 2, value: '560001' }]);
    expect(parsePincodeCsv(csv('pincode\tname\n560001\tHQ\n'))).toEqual([{ row: 2, value: '560001' }]);
  });

  it('refuses empty, malformed, non-UTF-8 and oversized files', () => {
    expect(problemOf(csv(''))).toBe('geo.csv_empty');
    expect(problemOf(csv('pincode\n\n'))).toBe('geo.csv_empty');
    expect(problemOf(csv('pincode\n"560001\n'))).toBe('geo.csv_malformed');
    expect(problemOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('pincode', 'utf16le')]))).toBe('geo.csv_encoding');
    expect(problemOf(csv('560001\n560034\n560035\n'), 2)).toBe('geo.csv_too_many_rows');
    expect(parsePincodeCsv(csv('pincode\n560001\n560034\n'), 2)).toHaveLength(2);
  });
});
