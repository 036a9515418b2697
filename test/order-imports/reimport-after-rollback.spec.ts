import { sql } from 'drizzle-orm';
import { queryRows, UnitOfWork } from '@shipcrowd/platform';
import type { TestApp } from '@shipcrowd/platform/testing';
import { Seat } from '../companies/support';
import { csv, importsTestApp, orderRow, seedSeller, upload, waitForImport } from './support';

describe('order imports: a rolled-back file can be imported again', () => {
  let t: TestApp;
  let seller: Seat;

  beforeAll(async () => {
    t = await importsTestApp();
    seller = await seedSeller(t, 'Reimport Traders');
  });
  afterAll(() => t.close());

  const ordersNumbered = (numbers: string[]) =>
    t.get(UnitOfWork).run({ system: true }, (tx) =>
      queryRows<{ order_number: string; status: string; import_id: string }>(
        tx,
        sql`select order_number, status, import_id from orders.orders where company_id = ${seller.companyId} and order_number = any(${`{${numbers.join(',')}}`}::text[]) order by created_at, order_number`,
      ),
    );
  const rollback = (id: string) => t.http({ method: 'POST', url: `/v1/order-imports/${id}/rollback`, token: seller.token });

  it('frees the numbers of the orders a rollback cancelled (also those cancelled before it); shipped or API orders keep theirs', async () => {
    const numbers = ['RI-1', 'RI-2', 'RI-3'];
    const file = csv(numbers.map((n) => orderRow(n)));
    const first = await waitForImport(t, seller.token, (await upload(t, seller.token, file)).json().id);
    expect(first).toMatchObject({ status: 'completed', ordersCreated: 3 });

    // The same file while its orders are live: every row is refused, their numbers are taken.
    const twice = await waitForImport(t, seller.token, (await upload(t, seller.token, file)).json().id);
    expect(twice).toMatchObject({ status: 'completed', succeeded: 0, failed: 3, ordersCreated: 0 });

    // One order was cancelled before the rollback (as POST /v1/orders/{id}/cancel leaves it); the rollback cancels the other two.
    await t.get(UnitOfWork).run({ system: true }, (tx) =>
      tx.execute(sql`update orders.orders set status = 'cancelled', cancel_reason = 'buyer changed mind', cancelled_at = now() where import_id = ${first.id} and order_number = 'RI-2'`),
    );
    expect((await rollback(first.id)).json()).toEqual({ cancelled: 2, notCancellable: [] });

    // The corrected file goes in again: three new live orders under the same numbers, next to the cancelled ones.
    const again = await waitForImport(t, seller.token, (await upload(t, seller.token, file)).json().id);
    expect(again).toMatchObject({ status: 'completed', succeeded: 3, failed: 0, ordersCreated: 3 });
    const rows = await ordersNumbered(numbers);
    expect(rows.filter((r) => r.import_id === first.id).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(rows.filter((r) => r.import_id === again.id).map((r) => [r.order_number, r.status])).toEqual(numbers.map((n) => [n, 'new']));

    // Numbers held by live orders stay unique: the live copies block a fourth upload.
    const fourth = await waitForImport(t, seller.token, (await upload(t, seller.token, file)).json().id);
    expect(fourth).toMatchObject({ succeeded: 0, failed: 3 });
    // Rolling the second import back frees the numbers again (a second release of the same number).
    expect((await rollback(again.id)).json()).toEqual({ cancelled: 3, notCancellable: [] });
    const third = await waitForImport(t, seller.token, (await upload(t, seller.token, file)).json().id);
    expect(third).toMatchObject({ status: 'completed', succeeded: 3 });
    expect(await ordersNumbered(numbers)).toHaveLength(9);
  });
});
