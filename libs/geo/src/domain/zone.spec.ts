import { decideZone, DEFAULT_METROS, DEFAULT_SPECIAL_STATE_CODES, ZoneEndpoint, ZoneLists } from './zone';

const lists: ZoneLists = { metros: DEFAULT_METROS, specialStateCodes: DEFAULT_SPECIAL_STATE_CODES };
const at = (pincode: string, district: string, state: string, gstStateCode: string): ZoneEndpoint => ({ pincode, district, state, gstStateCode });

const connaught = at('110001', 'Central Delhi', 'Delhi', '07');
const southDelhi = at('110017', 'South Delhi', 'Delhi', '07');
const gurgaon = at('122001', 'Gurgaon', 'Haryana', '06');
const mumbai = at('400001', 'Mumbai', 'Maharashtra', '27');
const pune = at('411001', 'Pune', 'Maharashtra', '27');
const nagpur = at('440001', 'Nagpur', 'Maharashtra', '27');
const guwahati = at('781001', 'Kamrup', 'Assam', '18');
const guwahati2 = at('781003', 'Kamrup', 'Assam', '18');
const dibrugarh = at('786001', 'Dibrugarh', 'Assam', '18');
const jaipur = at('302001', 'Jaipur', 'Rajasthan', '08');
const chennai = at('600001', 'Chennai', 'Tamil Nadu', '33');

describe('zone engine', () => {
  it('A: same district, or two districts of one metro city (even across states, Delhi NCR)', () => {
    expect(decideZone(jaipur, jaipur, lists)).toEqual({ zone: 'A', reason: expect.stringContaining('Jaipur district') });
    expect(decideZone(connaught, southDelhi, lists)).toEqual({ zone: 'A', reason: 'Same city: both pincodes are in Delhi NCR' });
    expect(decideZone(connaught, gurgaon, lists).zone).toBe('A');
  });

  it('A beats E inside one city of a special region; E applies to any other trip touching one', () => {
    expect(decideZone(guwahati, guwahati2, lists).zone).toBe('A');
    expect(decideZone(guwahati, dibrugarh, lists)).toEqual({ zone: 'E', reason: expect.stringContaining('Assam is on the special-zone list') });
    expect(decideZone(connaught, guwahati, lists).zone).toBe('E');
    expect(decideZone(guwahati, mumbai, lists).zone).toBe('E');
  });

  it('B: same state, which takes precedence over metro to metro (Mumbai → Pune)', () => {
    expect(decideZone(mumbai, nagpur, lists)).toEqual({ zone: 'B', reason: expect.stringContaining('Maharashtra') });
    expect(decideZone(mumbai, pune, lists).zone).toBe('B');
  });

  it('C: metro to metro across states; D: otherwise', () => {
    expect(decideZone(connaught, mumbai, lists)).toEqual({ zone: 'C', reason: 'Metro to metro: Delhi NCR to Mumbai' });
    expect(decideZone(jaipur, chennai, lists)).toEqual({ zone: 'D', reason: expect.stringContaining('Rajasthan to Tamil Nadu') });
    expect(decideZone(nagpur, chennai, lists).zone).toBe('D');
  });

  it('follows the lists it is given', () => {
    expect(decideZone(jaipur, chennai, { metros: [...DEFAULT_METROS, { city: 'Jaipur', districts: ['jaipur'] }], specialStateCodes: [] }).zone).toBe('C');
    expect(decideZone(jaipur, chennai, { metros: DEFAULT_METROS, specialStateCodes: ['33'] }).zone).toBe('E');
    expect(decideZone(connaught, guwahati, { metros: DEFAULT_METROS, specialStateCodes: [] }).zone).toBe('D');
  });
});
