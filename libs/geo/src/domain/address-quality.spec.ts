import fc from 'fast-check';
import { hasHouseNumber, hasLandmark } from './address-lines';
import { AddressInput, assessAddressQuality, gradeOf } from './address-quality';
import { cityAgreement } from './city-names';
import { checkIndianPhone } from './phone';
import type { Pincode } from './pincode';
import { readState, stateAgrees } from './state-input';
import { editDistance, isNearMatch, normaliseName } from './text-match';

const pin = (pincode: string, district: string, state: string, gstStateCode: string, places: string[]): Pincode => ({ pincode, place: places[0], places, district, state, gstStateCode, latitude: null, longitude: null });
const koramangala = pin('560034', 'Bengaluru', 'Karnataka', '29', ['Koramangala I Block', "St. John's Medical College", 'Agara', 'Koramangala']);
const connaught = pin('110001', 'New Delhi', 'Delhi', '07', ['New Delhi G.P.O.', 'Connaught Place', 'Parliament House']);
const rohini = pin('110085', 'North West Delhi', 'Delhi', '07', ['Rohini Sector-7', 'Rohini Sector 5']);
const noida = pin('201301', 'Gautam Buddha Nagar', 'Uttar Pradesh', '09', ['Noida Sector 27', 'Noida Sector 16', 'Noida H.O']);
const greaterNoida = pin('201310', 'Gautam Buddha Nagar', 'Uttar Pradesh', '09', ['Tugalpur', 'Alpha Greater Noida', 'Knowledge Park-I']);
const vashi = pin('400703', 'Thane', 'Maharashtra', '27', ['Vashi (Thane)', 'Vashi Sec-26', 'K.U.Bazar']);
const kochi = pin('682030', 'Ernakulam', 'Kerala', '32', ['Kakkanad', 'Kusumagiri', 'Thengod']);
const gurgaon = pin('122018', 'Gurgaon', 'Haryana', '06', ['Gurgaon South City II']);
const trivandrum = pin('695001', 'Thiruvananthapuram', 'Kerala', '32', ['Thiruvananthapuram G.P.O.', "Thiruvananthapuram  AG's"]);
const leh = pin('194101', 'Leh', 'Ladakh', '38', ['Horzey', 'Leh H.O']);
const panvel = pin('410206', 'Raigarh(MH)', 'Maharashtra', '27', ['Jui', 'Lodhivali']);

describe('text matching', () => {
  it('normalises names and measures typos (transpositions count once)', () => {
    expect(normaliseName("  Thiruvananthapuram  AG's ")).toBe('thiruvananthapuram ag s');
    expect(normaliseName('J&K')).toBe('j and k');
    expect(editDistance('gurgoan', 'gurgaon')).toBe(1);
    expect(editDistance('banglore', 'bangalore')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(isNearMatch('hydrabad', 'hyderabad')).toBe(true);
    expect(isNearMatch('pune', 'pine')).toBe(true);
    expect(isNearMatch('goa', 'gya')).toBe(false);
    expect(isNearMatch('mumbai', 'kolkata')).toBe(false);
  });

  it('edit distance is a metric (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 8 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe('city agrees with the pincode', () => {
  it.each([
    ['Bengaluru', koramangala, 'exact'],
    ['BANGALORE', koramangala, 'alias'],
    ['Bangalore City', koramangala, 'alias'],
    ['Koramangala', koramangala, 'exact'],
    ['New Delhi', connaught, 'exact'],
    ['Delhi', connaught, 'alias'],
    ['Delhi', rohini, 'exact'],
    ['Rohini', rohini, 'exact'],
    ['New Delhi', rohini, 'alias'],
    ['Noida', noida, 'exact'],
    ['Greater Noida', greaterNoida, 'area'],
    ['Noida', greaterNoida, 'area'],
    ['Navi Mumbai', vashi, 'area'],
    ['Mumbai', vashi, 'area'],
    ['Vashi', vashi, 'exact'],
    ['Thane', vashi, 'exact'],
    ['Navi Mumbai', panvel, 'area'],
    ['Kochi', kochi, 'alias'],
    ['Cochin', kochi, 'alias'],
    ['Gurugram', gurgaon, 'alias'],
    ['Trivandrum', trivandrum, 'alias'],
    ['Leh', leh, 'exact'],
  ])('%s ~ %s', (city, where, how) => {
    expect(cityAgreement(city, where)).toEqual({ how });
  });

  it('tolerates small misspellings and suggests the name', () => {
    expect(cityAgreement('Banglore', koramangala)).toEqual({ how: 'fuzzy', suggestion: 'Bangalore' });
    expect(cityAgreement('Bengluru', koramangala)).toEqual({ how: 'fuzzy', suggestion: 'Bengaluru' });
    expect(cityAgreement('Gurgoan', gurgaon)).toEqual({ how: 'fuzzy', suggestion: 'Gurgaon' });
    expect(cityAgreement('Thiruvanantapuram', trivandrum)).toEqual({ how: 'fuzzy', suggestion: 'Thiruvananthapuram' });
  });

  it('refuses other cities', () => {
    expect(cityAgreement('Mumbai', koramangala)).toBeNull();
    expect(cityAgreement('Chennai', connaught)).toBeNull();
    expect(cityAgreement('Pune', vashi)).toBeNull();
    expect(cityAgreement('', koramangala)).toBeNull();
    expect(cityAgreement('New', connaught)).toBeNull();
  });
});

describe('state agrees with the pincode', () => {
  it('reads names, abbreviations, GST codes and near spellings', () => {
    expect(readState('Karnataka')).toEqual({ code: '29', how: 'name' });
    expect(readState('KA')).toEqual({ code: '29', how: 'abbreviation' });
    expect(readState('m.h.')).toEqual({ code: '27', how: 'abbreviation' });
    expect(readState('DL')).toEqual({ code: '07', how: 'abbreviation' });
    expect(readState('29')).toEqual({ code: '29', how: 'gst_code' });
    expect(readState('7')).toEqual({ code: '07', how: 'gst_code' });
    expect(readState('29-Karnataka')).toEqual({ code: '29', how: 'gst_code' });
    expect(readState('25')).toEqual({ code: '26', how: 'gst_code' });
    expect(readState('Orissa')).toEqual({ code: '21', how: 'name' });
    expect(readState('New Delhi')).toEqual({ code: '07', how: 'name' });
    expect(readState('J&K')).toEqual({ code: '01', how: 'name' });
    expect(readState('TamilNadu')).toEqual({ code: '33', how: 'name' });
    expect(readState('Karnatka')).toEqual({ code: '29', how: 'fuzzy', suggestion: 'Karnataka' });
    expect(readState('Maharastra')).toMatchObject({ code: '27', how: 'fuzzy' });
    expect(readState('Atlantis')).toBeNull();
    expect(readState('99')).toBeNull();
    expect(readState('')).toBeNull();
  });

  it('accepts Jammu & Kashmir for Ladakh pincodes (filed so before 2019)', () => {
    expect(stateAgrees('01', '38')).toBe(true);
    expect(stateAgrees('38', '01')).toBe(false);
    expect(stateAgrees('29', '27')).toBe(false);
  });
});

describe('address lines', () => {
  it.each(['12, MG Road', 'Flat 302, Sunrise Apartments', 'H.No 4-5-6/7, Abids', '#45 2nd Cross', 'A-302 Sunrise Apts', 'Plot no. 17', 'No 5, Gandhi Street', 'Sunrise Apartments 302'])('finds a house number in %s', (line1) => {
    expect(hasHouseNumber(line1)).toBe(true);
  });

  it.each(['MG Road, 5th Cross', 'Sector 17, Vashi', 'Rohini Sector-7', '100 Feet Road, Indiranagar', 'Koramangala 4th Block', 'Near Bus Stand 560034', 'Phase 2, Electronic City', '2nd Floor, Main Road', 'Call 9876543210'])('finds none in %s', (line1) => {
    expect(hasHouseNumber(line1)).toBe(false);
  });

  it('reads line 2 too, and finds landmarks in the landmark field or the lines', () => {
    expect(hasHouseNumber('Sunrise Apartments', 'Flat 12')).toBe(true);
    expect(hasLandmark('Near Forum Mall', '12 MG Road')).toBe(true);
    expect(hasLandmark(null, '12 MG Road', 'Opp. SBI')).toBe(true);
    expect(hasLandmark('', '12 MG Road', null)).toBe(false);
    expect(hasLandmark(' - ', 'Nearby road 5')).toBe(false);
  });
});

describe('phone numbers', () => {
  it('normalises Indian mobiles and landlines to E.164', () => {
    for (const raw of ['9876543210', '+91 98765 43210', '09876543210', '919876543210', '+91-98765-43210']) expect(checkIndianPhone(raw)).toEqual({ valid: true, e164: '+919876543210', kind: 'mobile' });
    expect(checkIndianPhone('080-2345 6789')).toEqual({ valid: true, e164: '+918023456789', kind: 'landline' });
  });

  it('refuses short, long, foreign and non-numbers', () => {
    for (const raw of ['987654321', '98765432101', '+1 415 555 2671', 'call me', '0000000000']) expect(checkIndianPhone(raw).valid).toBe(false);
    expect(checkIndianPhone('+1 415 555 2671')).toEqual({ valid: false, reason: 'must be an Indian (+91) number' });
  });
});

describe('address score', () => {
  const good: AddressInput = { line1: 'Flat 302, Sunrise Apartments', line2: '80 Feet Road, Koramangala', landmark: 'Near Forum Mall', city: 'Bangalore', state: 'KA', pincode: '560034', phone: '+91 98765 43210' };

  it('gives a complete, consistent address 100 and normalises the phone', () => {
    expect(assessAddressQuality(good, koramangala)).toEqual({ score: 100, grade: 'good', issues: [], pincode: koramangala, normalizedPhone: '+919876543210' });
  });

  it('takes points off for each issue, with stable codes and fields', () => {
    const poor = assessAddressQuality({ line1: 'MG Road', city: 'Mumbai', state: 'MH', pincode: '560034', phone: '12345' }, koramangala);
    expect(poor.issues.map((i) => [i.code, i.field, i.penalty])).toEqual([
      ['city_mismatch', 'city', 20],
      ['state_mismatch', 'state', 20],
      ['house_number_missing', 'line1', 20],
      ['landmark_missing', 'landmark', 5],
      ['phone_invalid', 'phone', 20],
    ]);
    expect(poor).toMatchObject({ score: 15, grade: 'poor', normalizedPhone: null });
    expect(poor.issues[0].message).toBe('City "Mumbai" does not match pincode 560034 (Bengaluru, Karnataka)');
    expect(assessAddressQuality({ ...good, city: 'Banglore', landmark: null, phone: null }, koramangala)).toMatchObject({
      score: 80,
      grade: 'good',
      issues: [{ code: 'city_misspelt', message: 'City "Banglore" looks like a misspelling of Bangalore' }, { code: 'landmark_missing' }, { code: 'phone_missing' }],
    });
    expect(assessAddressQuality({ ...good, state: 'Narnia' }, koramangala).issues).toEqual([expect.objectContaining({ code: 'state_unrecognised', penalty: 15 })]);
  });

  it('reports bad pincodes without comparing city and state', () => {
    expect(assessAddressQuality({ ...good, pincode: '56003' }, null)).toMatchObject({ score: 40, grade: 'poor', issues: [{ code: 'pincode_invalid', field: 'pincode' }], pincode: null });
    expect(assessAddressQuality({ ...good, pincode: '999999', city: 'Nowhere' }, null).issues).toEqual([expect.objectContaining({ code: 'pincode_unknown', message: 'Pincode 999999 is not in the pincode directory' })]);
  });

  it('never goes below 0; grades by thresholds', () => {
    expect(assessAddressQuality({ line1: '', city: '', state: '', pincode: '', phone: 'x' }, null).score).toBe(0);
    expect([gradeOf(80), gradeOf(79), gradeOf(50), gradeOf(49)]).toEqual(['good', 'fair', 'fair', 'poor']);
  });
});
