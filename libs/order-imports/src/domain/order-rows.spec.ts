import { headerProblems, IMPORT_COLUMNS, normaliseHeader } from './import-columns';
import { columnOfDraftField, OrderAssembler } from './order-rows';

const header = IMPORT_COLUMNS.map((c) => c.name);
const row = (over: Record<string, string>) => header.map((h) => over[h] ?? IMPORT_COLUMNS.find((c) => c.name === h)!.example);

describe('order rows → drafts', () => {
  it('groups rows by order_number; order-level columns from the first row, items from every row, extra boxes when filled', () => {
    const a = new OrderAssembler(header);
    a.add({ line: 2, values: row({ order_number: 'A', item_unit_price: '100' }) });
    a.add({ line: 3, values: row({ order_number: 'B' }) });
    a.add({ line: 4, values: row({ order_number: 'A', item_name: 'Cap', item_unit_price: '50.5', buyer_name: '', package_weight_kg: '2', package_length_cm: '10', package_breadth_cm: '10', package_height_cm: '10' }) });
    const orders = a.finish();
    expect(a.problems).toEqual([]);
    expect(orders.map((o) => [o.orderNumber, o.lines])).toEqual([['A', [2, 4]], ['B', [3]]]);
    const draft = orders[0].draft!;
    expect(draft.items.map((i) => [i.name, i.unitPricePaise])).toEqual([['Black T-shirt (M)', 10000], ['Cap', 5050]]);
    expect(draft.packages.map((p) => p.weightGrams)).toEqual([500, 2000]);
    expect(draft).toMatchObject({ paymentMode: 'cod', codAmountPaise: 149900, tags: ['diwali', 'priority'], warehouseCode: 'BLR-1', channel: 'csv_import', buyer: { name: 'Priya Sharma' } });
  });

  it('reports conflicting order-level values and bad cells by line and column, and drops that order', () => {
    const a = new OrderAssembler(header);
    a.add({ line: 2, values: row({ order_number: 'A' }) });
    a.add({ line: 3, values: row({ order_number: 'A', payment_mode: 'prepaid', item_quantity: '1.5' }) });
    a.add({ line: 4, values: row({ order_number: '', notes: '=CMD()' }), cellCountProblem: 'has 3 cells but the header has 51 columns' });
    const orders = a.finish();
    expect(orders[0].draft).toBeNull();
    expect(a.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [3, 'payment_mode', 'conflicting_order_value'],
      [3, 'item_quantity', 'invalid_quantity'],
      [4, 'row', 'column_count'],
      [4, 'notes', 'formula_rejected'],
      [4, 'order_number', 'required'],
    ]);
  });

  it('maps orders-context field paths back to the row and column', () => {
    const a = new OrderAssembler(header);
    a.add({ line: 2, values: row({ order_number: 'A' }) });
    a.add({ line: 5, values: row({ order_number: 'A', package_weight_kg: '' , package_length_cm: '', package_breadth_cm: '', package_height_cm: '' }) });
    const [order] = a.finish();
    expect(columnOfDraftField('items[1].quantity', order)).toEqual({ line: 5, column: 'item_quantity' });
    expect(columnOfDraftField('buyer.phone', order)).toEqual({ line: 2, column: 'buyer_phone' });
    expect(columnOfDraftField('packages[0].weightGrams', order)).toEqual({ line: 2, column: 'package_weight_kg' });
  });

  it('checks headers: unknown, repeated and missing columns', () => {
    expect(headerProblems(['Order Number', 'colour', 'colour'].map(normaliseHeader)).map((p) => [p.field, p.code])).toEqual(
      expect.arrayContaining([['columns.colour', 'unknown_column'], ['columns.colour', 'duplicate_column'], ['columns.payment_mode', 'missing_column']]),
    );
    expect(headerProblems(header)).toEqual([]);
  });
});
