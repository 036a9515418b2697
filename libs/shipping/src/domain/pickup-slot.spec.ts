import { DomainError } from '@shipcrowd/kernel';
import { pickupSlot, WeeklyHours } from './pickup-slot';

const open = { closed: false as const, open: '09:00', close: '18:00' };
const hours: WeeklyHours = { mon: open, tue: open, wed: open, thu: open, fri: open, sat: { closed: false, open: '10:00', close: '14:00' }, sun: { closed: true } };
// 2026-11-23 is a Monday. IST = UTC + 5:30.
const ist = (date: string, time: string) => new Date(`${date}T${time}:00+05:30`);

describe('pickupSlot', () => {
  it('books today, at least an hour out on the half hour, before the courier cut-off', () => {
    expect(pickupSlot(ist('2026-11-23', '10:10'), hours, 'delhivery')).toMatchObject({ date: '2026-11-23', time: '11:30' });
    expect(pickupSlot(ist('2026-11-23', '06:00'), hours, 'delhivery')).toMatchObject({ date: '2026-11-23', time: '09:00' });
  });

  it('moves to the next open day after the cut-off, with the courier’s own cut-off', () => {
    expect(pickupSlot(ist('2026-11-23', '14:30'), hours, 'delhivery')).toMatchObject({ date: '2026-11-24', time: '09:00' });
    expect(pickupSlot(ist('2026-11-23', '14:30'), hours, 'xpressbees')).toMatchObject({ date: '2026-11-23', time: '15:30' });
  });

  it('skips closed days and days the warehouse closes within the hour', () => {
    expect(pickupSlot(ist('2026-11-28', '13:10'), hours, 'xpressbees')).toMatchObject({ date: '2026-11-30', time: '09:00' });
    expect(pickupSlot(ist('2026-11-29', '09:00'), hours, 'delhivery')).toMatchObject({ date: '2026-11-30', reason: 'the warehouse is closed today' });
  });

  it('honours a requested day when the warehouse is open and it is within a week', () => {
    expect(pickupSlot(ist('2026-11-23', '10:00'), hours, 'delhivery', '2026-11-28')).toMatchObject({ date: '2026-11-28', time: '10:00' });
    const refused = (date: string, at = ist('2026-11-23', '10:00')) => {
      try {
        pickupSlot(at, hours, 'delhivery', date);
      } catch (error) {
        return (error as DomainError).code;
      }
      return 'accepted';
    };
    expect(refused('2026-11-29')).toBe('pickup.warehouse_closed');
    expect(refused('2026-11-22')).toBe('pickup.date_out_of_range');
    expect(refused('2026-12-01')).toBe('pickup.date_out_of_range');
    expect(refused('2026-11-23', ist('2026-11-23', '15:00'))).toBe('pickup.too_late_today');
  });
});
