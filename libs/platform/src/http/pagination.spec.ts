import { decodeCursor, encodeCursor, pageLimit, toPage } from './pagination';
import { ProblemException, toProblem } from './problem';

describe('cursor pagination', () => {
  it('round-trips a cursor and keeps it URL-safe', () => {
    const key = { createdAt: '2026-01-02T03:04:05.000Z', id: '0190f3c4-7e2b-7c3d-9f1a-2b3c4d5e6f70', name: 'ā/+?=' };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', '%%%not-a-cursor'],
    ['JSON that is not an object', Buffer.from('42').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['truncated', encodeCursor({ id: 'abc' }).slice(0, 5)],
  ])('rejects a cursor that is %s with a 422 problem naming the field', (_what, cursor) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    const { problem } = toProblem(thrown);
    expect(problem).toMatchObject({ status: 422, code: 'pagination.invalid_cursor', errors: [{ field: 'cursor', code: 'invalid_cursor' }] });
  });

  it('trims the look-ahead row and points the next cursor at the last item kept', () => {
    const rows = [1, 2, 3, 4].map((n) => ({ id: `id-${n}` }));
    const page = toPage(rows, 3, (row) => ({ id: row.id }));
    expect(page.items.map((r) => r.id)).toEqual(['id-1', 'id-2', 'id-3']);
    expect(decodeCursor(page.nextCursor!)).toEqual({ id: 'id-3' });

    const last = toPage(rows.slice(0, 3), 3, (row) => ({ id: row.id }));
    expect(last.items).toHaveLength(3);
    expect(last.nextCursor).toBeNull();
    expect(toPage([], 3, () => ({})).nextCursor).toBeNull();
  });

  it('defaults the page size to 20', () => {
    expect(pageLimit({})).toBe(20);
    expect(pageLimit({ limit: 7 })).toBe(7);
  });
});
