import { csvCell, csvLine } from './orders-csv';

describe('orders CSV cells', () => {
  it('neutralises formula starters with a leading apostrophe (CSV injection)', () => {
    expect(csvCell('=CMD()')).toBe("'=CMD()");
    expect(csvCell('+91 98765')).toBe("'+91 98765");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('Asha = buyer')).toBe('Asha = buyer');
    expect(csvCell(-250)).toBe('-250');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and leaves empty cells empty', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', null, 7])).toBe('"a,b","say ""hi""","two\nlines",,7\r\n');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});
