import { readPincodeDirectory } from '../infrastructure/persistence/pincode-source';
import { gstStateCodeOf } from './gst-states';

describe('GST state codes from state names', () => {
  it('maps GeoNames and historical spellings', () => {
    expect(gstStateCodeOf('Orissa')).toBe('21');
    expect(gstStateCodeOf('Odisha')).toBe('21');
    expect(gstStateCodeOf('Pondicherry')).toBe('34');
    expect(gstStateCodeOf('Dadra and Nagar Haveli')).toBe('26');
    expect(gstStateCodeOf('Daman & Diu')).toBe('26');
    expect(gstStateCodeOf('Telangana')).toBe('36');
    expect(gstStateCodeOf('Ladakh')).toBe('38');
    expect(gstStateCodeOf('Uttaranchal')).toBe('05');
    expect(gstStateCodeOf('Chattisgarh')).toBe('22');
    expect(gstStateCodeOf('Andaman & Nicobar Islands')).toBe('35');
    expect(gstStateCodeOf('Jammu & Kashmir', 'Srinagar')).toBe('01');
    expect(gstStateCodeOf('Jammu & Kashmir', 'Leh')).toBe('38');
    expect(gstStateCodeOf('Atlantis')).toBeNull();
  });

  it('gives every pincode in the shipped GeoNames data a GST code', () => {
    const { pincodes, unmapped } = readPincodeDirectory();
    expect(unmapped).toEqual([]);
    expect(pincodes).toHaveLength(19238);
    expect(pincodes.every((p) => /^\d{2}$/.test(p.gstStateCode))).toBe(true);
    const codes = new Set(pincodes.map((p) => p.gstStateCode));
    expect(codes.size).toBe(36);
    expect(codes).toContain('38');
    expect(pincodes.find((p) => p.pincode === '194101')).toMatchObject({ state: 'Ladakh', gstStateCode: '38' });
  });
});
