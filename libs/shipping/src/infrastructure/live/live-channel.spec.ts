import { liveChannelOf, parseLiveEvent } from './live-channel';

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
  });
});
