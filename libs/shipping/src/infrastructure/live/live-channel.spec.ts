import { compareBacklogPositions, isBacklogPosition, liveChannelOf, parseLiveEvent } from './live-channel';

describe('live channel messages', () => {
  const event = { eventId: 'e-1', companyId: 'c-1', type: 'shipping.shipment_booked', payload: { awb: 'AWB1' }, occurredAt: '2026-11-22T05:00:00.000Z' };

  it('is one channel per queue prefix', () => {
    expect(liveChannelOf({ QUEUE_PREFIX: 'shipcrowd' })).toBe('shipcrowd:shipping:live');
    expect(liveChannelOf({ QUEUE_PREFIX: 'test-1' })).not.toBe(liveChannelOf({ QUEUE_PREFIX: 'test-2' }));
  });

  it('reads back what the publisher writes', () => {
    expect(parseLiveEvent(JSON.stringify(event))).toEqual(event);
  });

  it('drops anything else: not JSON, no company, no payload', () => {
    expect(parseLiveEvent('not json')).toBeNull();
    expect(parseLiveEvent('null')).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ ...event, companyId: null }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ ...event, payload: null }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ ...event, type: 1 }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ ...event, position: 'e-1' }))).toBeNull();
  });

  it('carries the backlog position, which orders by time then sequence (not as text)', () => {
    expect(parseLiveEvent(JSON.stringify({ ...event, position: '1732252800000-0' }))).toEqual({ ...event, position: '1732252800000-0' });
    expect(['1732252800000-0', '1-2', '0-0'].every(isBacklogPosition)).toBe(true);
    expect(['', 'e-1', '1732252800000', '1-2-3', '1-2\nid: 9', 42].some(isBacklogPosition)).toBe(false);
    expect(compareBacklogPositions('1732252800000-10', '1732252800000-9')).toBeGreaterThan(0);
    expect(compareBacklogPositions('999-5', '1000-0')).toBeLessThan(0);
    expect(compareBacklogPositions('1000-1', '1000-1')).toBe(0);
  });
});
