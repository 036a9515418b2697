import { EventStream } from './event-stream';

describe('EventStream (text/event-stream body)', () => {
  // Streams move data on process.nextTick: only the timers are faked.
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  /** Everything written so far, read without switching the stream to flowing mode. */
  const read = (stream: EventStream) => {
    let text = '';
    for (let chunk = stream.body.read() as Buffer | null; chunk !== null; chunk = stream.body.read() as Buffer | null) text += chunk.toString('utf8');
    return text;
  };

  it('opens with the retry hint and a comment, then frames events with id, name and one line of JSON', () => {
    const stream = new EventStream(25_000);
    stream.send('e-1', 'shipping.shipment_booked', { awb: 'AWB1', note: 'two\nlines' });
    expect(read(stream)).toBe('retry: 5000\n: connected\n\n' + 'id: e-1\nevent: shipping.shipment_booked\ndata: {"awb":"AWB1","note":"two\\nlines"}\n\n');
    stream.end();
  });

  it('announces an event without an id, so the client keeps the last real event as its Last-Event-ID', () => {
    const stream = new EventStream(25_000);
    read(stream);
    stream.announce('auth_expired', { code: 'auth.token_expired' });
    expect(read(stream)).toBe('event: auth_expired\ndata: {"code":"auth.token_expired"}\n\n');
    stream.end();
  });

  it('keeps a line break out of the id and the event name, so a value cannot start a field of its own', () => {
    const stream = new EventStream(25_000);
    stream.send('e-1\ndata: forged', 'booked\r\nid: x', {});
    expect(read(stream).split('\n').filter((line) => line.startsWith('data:'))).toEqual(['data: {}']);
    stream.end();
  });

  it('sends a heartbeat comment every interval, and none once closed', async () => {
    const stream = new EventStream(25_000);
    read(stream);
    jest.advanceTimersByTime(24_999);
    expect(read(stream)).toBe('');
    jest.advanceTimersByTime(1);
    expect(read(stream)).toBe(': heartbeat\n\n');
    jest.advanceTimersByTime(25_000);
    expect(read(stream)).toBe(': heartbeat\n\n');
    stream.body.destroy();
    await new Promise(process.nextTick);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('runs the close callback when the client goes away and ignores later writes', async () => {
    const stream = new EventStream(25_000);
    const closed = jest.fn();
    stream.onClose(closed);
    stream.body.destroy();
    await new Promise(process.nextTick);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(() => stream.send('e-2', 'shipping.shipment_cancelled', {})).not.toThrow();
  });

  it('drops a client that stopped reading instead of buffering without bound', async () => {
    const stream = new EventStream(25_000);
    const closed = jest.fn();
    stream.onClose(closed);
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 40 && !stream.body.destroyed; i++) stream.send(`e-${i}`, 'shipping.shipment_status_changed', { big });
    await new Promise(process.nextTick);
    expect(stream.body.destroyed).toBe(true);
    expect(closed).toHaveBeenCalledTimes(1);
  });
});
