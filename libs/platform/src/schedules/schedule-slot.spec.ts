import { CronTime } from 'cron';
import { scheduledSlot, scheduleJobId } from './schedule-slot';

describe('scheduledSlot', () => {
  const everySecond = new CronTime('* * * * * *', 'UTC');
  const daily = new CronTime('0 30 21 * * *', 'UTC');

  it('maps a late tick to the slot that was due', () => {
    expect(scheduledSlot(everySecond, new Date('2025-01-01T00:00:05.120Z')).toISOString()).toBe('2025-01-01T00:00:05.000Z');
    expect(scheduledSlot(daily, new Date('2025-01-01T21:30:01.900Z')).toISOString()).toBe('2025-01-01T21:30:00.000Z');
  });

  it('maps a slightly early tick to the slot about to be due', () => {
    expect(scheduledSlot(everySecond, new Date('2025-01-01T00:00:05.990Z')).toISOString()).toBe('2025-01-01T00:00:06.000Z');
    expect(scheduledSlot(daily, new Date('2025-01-01T21:29:59.800Z')).toISOString()).toBe('2025-01-01T21:30:00.000Z');
  });

  it('gives two workers whose timers fired at different moments the same job id', () => {
    const a = scheduleJobId('audit.verify-chains', scheduledSlot(daily, new Date('2025-03-04T21:30:00.003Z')));
    const b = scheduleJobId('audit.verify-chains', scheduledSlot(daily, new Date('2025-03-04T21:30:00.417Z')));
    expect(a).toBe(b);
    expect(a).toBe('audit.verify-chains:2025-03-04T21:30:00.000Z');
  });
});
