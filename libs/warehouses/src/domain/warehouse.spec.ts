import { gstinProblem } from './gstin';
import { defaultOperatingHours, parseDayHoursText, parseOperatingHours } from './operating-hours';
import { checkWarehouseInput, Warehouse } from './warehouse';
import { looksLikeFormula, neutraliseCell, warehouseFromCsvRecord } from './warehouse-csv';

const facts = { city: 'Bengaluru', state: 'Karnataka', gstStateCode: '29', latitude: 12.9, longitude: 77.6 };
const input = { code: ' blr-1 ', name: 'Main', contactName: 'Ravi', contactPhone: '098765 43210', addressLine1: 'Road 1', pincode: '560001' };

describe('warehouse rules', () => {
  it('normalises a valid description and fills the location from the directory', () => {
    const { details, errors } = checkWarehouseInput(input, facts);
    expect(errors).toEqual([]);
    expect(details).toMatchObject({ code: 'BLR-1', contactPhone: '+919876543210', city: 'Bengaluru', gstStateCode: '29', operatingHours: defaultOperatingHours() });
  });

  it('reports every field problem at once', () => {
    const { details, errors } = checkWarehouseInput({ ...input, code: '', name: ' ', contactPhone: '555', contactEmail: 'nope', pincode: '560001', gstin: 'XX' }, null);
    expect(details).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['code', 'name', 'contactPhone', 'contactEmail', 'pincode', 'gstin']);
  });

  it('checks GSTIN format, check character and state', () => {
    expect(gstinProblem('29AAFCC9980M1ZR', '29')).toBeNull();
    expect(gstinProblem('29AAFCC9980M1ZQ', '29')).toBe('check_character');
    expect(gstinProblem('29AAFCC9980M1ZR', '27')).toBe('state_mismatch');
    expect(gstinProblem('29AAFCC9980M1Z', '29')).toBe('format');
  });

  it('validates hours per weekday and keeps days not mentioned', () => {
    const base = defaultOperatingHours();
    expect(parseOperatingHours({ sun: { open: '10:00', close: '13:30' } }, base).hours.sun).toEqual({ closed: false, open: '10:00', close: '13:30' });
    expect(parseOperatingHours({ mon: { open: '18:00', close: '18:00' } }, base).errors).toEqual([{ field: 'operatingHours.mon', message: 'open must be before close', code: 'open_after_close' }]);
    expect(parseOperatingHours({ mon: { open: '9:00', close: '18:00' } }, base).errors[0].field).toBe('operatingHours.mon.open');
    expect(parseDayHoursText(' closed ')).toEqual({ closed: true });
    expect(parseDayHoursText('08:00-17:00')).toEqual({ closed: false, open: '08:00', close: '17:00' });
  });

  it('keeps exactly one default: the default cannot be deactivated, nor deleted while others exist; a used one cannot be deleted', () => {
    const now = new Date();
    const { details } = checkWarehouseInput(input, facts);
    const w = Warehouse.open('id-1', 'c-1', details!, true, now);
    expect(() => w.deactivate(now)).toThrow(expect.objectContaining({ code: 'warehouses.default_cannot_deactivate' }));
    expect(() => w.remove(1, now)).toThrow(expect.objectContaining({ code: 'warehouses.default_cannot_delete' }));
    w.remove(0, now);
    expect(w.props).toMatchObject({ isDefault: false, active: false, deletedAt: now });
    const used = Warehouse.restore('id-2', 3, { ...w.props, deletedAt: null, firstUsedAt: now });
    expect(() => used.remove(0, now)).toThrow(expect.objectContaining({ code: 'warehouses.in_use' }));
  });

  it('treats formula-looking cells as formulas but not phones or signed numbers', () => {
    for (const f of ['=CMD()', '@SUM(A1)', '+cmd|"/C calc"!A0', '-2+3+cmd', '\t=1']) expect(looksLikeFormula(f)).toBe(true);
    for (const ok of ['+91 98765 43210', '-12.5', 'Road = 1', '']) expect(looksLikeFormula(ok)).toBe(false);
    expect(neutraliseCell('=1+1')).toBe("'=1+1");
    expect(warehouseFromCsvRecord({ code: 'A', name: '=EVIL()', is_default: 'maybe' }).errors.map((e) => e.code)).toEqual(['formula_rejected', 'invalid_boolean']);
  });
});
