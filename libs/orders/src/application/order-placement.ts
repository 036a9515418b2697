import { Inject, Injectable } from '@nestjs/common';
import { AddressAssessment, AddressInput, GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { CLOCK, Clock, newId } from '@shipcrowd/kernel';
import { Tx, UnitOfWork } from '@shipcrowd/platform';
import { WAREHOUSES_FACADE, WarehousesFacade, WarehouseView } from '@shipcrowd/warehouses/contracts';
import type { FieldProblem, PlaceOrderOutcome } from '../../contracts';
import { channelKey, duplicateFingerprint } from '../domain/duplicates';
import { AddressQuality, Order, OrderState, RoutingDecision } from '../domain/order';
import type { OrderSettings } from '../domain/order-settings';
import { OrderSpec, validateOrderDraft } from '../domain/order-spec';
import { chunks, OrdersStore, toOrderRow } from '../infrastructure/persistence/orders.store';
import { routeOrder, routingFacts, WarehouseDirectory } from './order-routing';
import { toAddressQuality } from './order-support';

export interface PlacementInput {
  companyId: string;
  actorUserId: string | null;
  /** Untrusted: JSON bodies or rows an import turned into drafts. */
  drafts: unknown[];
  mode: 'all_or_nothing' | 'valid_only';
  dryRun?: boolean;
  importId?: string | null;
  /** Channel for drafts that name none ('api' for POST /v1/orders). */
  defaultChannel?: string;
}

export interface PlacedOrder {
  state: OrderState;
  warehouse: WarehouseView;
}

export interface PlacementResult {
  outcomes: PlaceOrderOutcome[];
  written: number;
  /** By draft index, for the valid ones (written or, in a dry run / failed all-or-nothing batch, would-be). */
  placed: Map<number, PlacedOrder>;
}

interface Candidate {
  index: number;
  spec: OrderSpec;
  quality: AddressQuality | null;
  directoryState: { state: string; gstStateCode: string } | null;
  warehouse?: WarehouseView;
  routing?: RoutingDecision;
  fingerprint: string;
  duplicateOf: string | null;
  id: string;
  orderNumber?: string;
}

/**
 * The read phase of a big batch works in slices and lets pending I/O run between them: an importer sends the next
 * batch while the previous one is being written, and that write's statements must not wait behind a whole batch's
 * validation (the database would sit idle). Awaiting resolved promises does not do that; setImmediate does.
 */
const CPU_SLICE = 100;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Order numbers are dated in India Standard Time: SC-YYMMDD-00001. */
export function orderNumberDay(now: Date): string {
  return new Date(now.getTime() + 330 * 60_000).toISOString().slice(2, 10).replace(/-/g, '');
}

/**
 * The single path every order takes in (POST /v1/orders, OrdersFacade.placeOrders for imports): validate each
 * draft, assess its address, route it to a warehouse, check duplicates (against stored orders and within the
 * batch), number it, then write all of them with multi-row inserts and one outbox event each in ONE write
 * transaction (a preceding read-only one does validation, address quality and routing).
 */
@Injectable()
export class OrderPlacement {
  /** Per company and import: settles (with the error, if any) when the last batch sent has finished. */
  private readonly importTurns = new Map<string, Promise<unknown>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
    @Inject(WAREHOUSES_FACADE) private readonly warehouses: WarehousesFacade,
    @Inject(GEO_FACADE) private readonly geo: GeoFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Identical addresses (same buyer, same place) are assessed once. */
  private async assess(addresses: AddressInput[]): Promise<AddressAssessment[]> {
    const keys = addresses.map((a) => `${a.line1}\u0000${a.line2 ?? '\u0001'}\u0000${a.landmark ?? '\u0001'}\u0000${a.city}\u0000${a.state}\u0000${a.pincode}\u0000${a.phone ?? '\u0001'}`);
    const distinct = new Map<string, AddressInput>();
    keys.forEach((k, i) => distinct.has(k) || distinct.set(k, addresses[i]));
    const results = await this.geo.assessAddresses([...distinct.values()]);
    const byKey = new Map([...distinct.keys()].map((k, i) => [k, results[i]]));
    return keys.map((k) => byKey.get(k)!);
  }

  /**
   * Two transactions: the read phase (validation, address quality, routing) takes no lock; the write phase
   * holds the company's placement lock only while it checks duplicates, numbers the orders and writes them.
   * Inside a caller's unit of work with the same company both phases join it.
   */
  async place(input: PlacementInput): Promise<PlacementResult> {
    const now = this.clock.now();
    const batch = new Batch();
    const turn = this.takeTurn(input);
    try {
      await this.uow.run({ companyId: input.companyId }, (tx) => this.prepare(tx, input, batch, now));
      await turn.previous;
      const result = await this.uow.run({ companyId: input.companyId }, (tx) => this.commit(tx, input, batch, now));
      turn.done(null);
      return result;
    } catch (error) {
      turn.done(error);
      throw error;
    }
  }

  /**
   * Batches of one import write in the order they were sent, even when the importer sends the next batch before
   * the previous one has finished (it does: the next batch's validation then overlaps the previous one's write).
   * A batch whose predecessor failed writes nothing and fails too, so an import never has a gap in the middle.
   */
  private takeTurn(input: PlacementInput): { previous: Promise<void> | undefined; done: (error: unknown) => void } {
    if (!input.importId || input.dryRun) return { previous: undefined, done: () => undefined };
    const key = `${input.companyId}:${input.importId}`;
    const before = this.importTurns.get(key);
    let settle!: (error: unknown) => void;
    const mine = new Promise<unknown>((resolve) => (settle = resolve));
    this.importTurns.set(key, mine);
    const previous = before?.then((error) => {
      if (error) throw new Error(`an earlier batch of import ${input.importId} failed, so this one was not written`, { cause: error });
    });
    previous?.catch(() => undefined); // observed: a batch that fails in its own validation never awaits it
    return {
      previous,
      done: (error) => {
        settle(error);
        if (this.importTurns.get(key) === mine) this.importTurns.delete(key);
      },
    };
  }

  /** 1-3: every draft validated (all problems with paths), address assessed, routed to a warehouse. */
  private async prepare(tx: Tx, input: PlacementInput, batch: Batch, now: Date): Promise<void> {
    for (let index = 0; index < input.drafts.length; index++) {
      if (index > 0 && index % CPU_SLICE === 0) await yieldToIo();
      const result = validateOrderDraft(input.drafts[index], now, { channel: input.defaultChannel });
      if (!result.ok) batch.errors.set(index, result.errors);
      else batch.candidates.push({ index, spec: result.spec, quality: null, directoryState: null, fingerprint: duplicateFingerprint(result.spec), duplicateOf: null, id: newId() });
    }

    const qualities = await this.assess(batch.candidates.map((c) => ({ ...c.spec.shippingAddress, phone: c.spec.buyer.phone })));
    batch.candidates.forEach((c, i) => {
      const a = qualities[i];
      c.quality = toAddressQuality(a);
      c.directoryState = a.pincode ? { state: a.pincode.state, gstStateCode: a.pincode.gstStateCode } : null;
    });

    const directory = new WarehouseDirectory(this.warehouses, input.companyId);
    const rules = batch.candidates.some((c) => !c.spec.warehouseId && !c.spec.warehouseCode) ? await this.store.rules(tx) : [];
    for (const [i, c] of batch.candidates.entries()) {
      if (i > 0 && i % CPU_SLICE === 0) await yieldToIo();
      const routed = await routeOrder(c.spec, routingFacts(c.spec, c.directoryState), rules, directory);
      if (routed.ok) {
        c.warehouse = routed.warehouse;
        c.routing = routed.routing;
      } else batch.fail(c.index, routed.error);
    }
  }

  /** 4-6 under the company's placement lock: duplicates, order numbers, one multi-row write with an event per order. */
  private async commit(tx: Tx, input: PlacementInput, batch: Batch, now: Date): Promise<PlacementResult> {
    if (!input.dryRun) await this.store.lockCompany(tx, input.companyId);
    const settings = await this.store.settings(tx, input.companyId);
    await this.markDuplicates(tx, input.companyId, batch, settings, now);
    const write = await this.number(tx, input, batch, now);

    const placed = new Map<number, PlacedOrder>();
    const orders: Order[] = [];
    const rows = [];
    for (const c of batch.valid()) {
      const order = Order.place({
        id: c.id,
        companyId: input.companyId,
        orderNumber: c.spec.orderNumber ?? c.orderNumber!,
        spec: c.spec,
        warehouseId: c.warehouse!.id,
        routing: c.routing!,
        addressQuality: c.quality,
        duplicateOf: c.duplicateOf,
        importId: input.importId ?? null,
        createdBy: input.actorUserId,
        createdAt: now,
      });
      orders.push(order);
      rows.push(toOrderRow(order.state, c.fingerprint));
      placed.set(c.index, { state: order.state, warehouse: c.warehouse! });
    }
    let written = 0;
    if (write && orders.length && (input.mode === 'valid_only' || batch.errors.size === 0)) {
      await this.store.insertOrders(tx, rows, orders.flatMap((o) => o.pullHistory()), input.companyId);
      await this.warehouses.markUsed?.(input.companyId, [...new Set(orders.map((o) => o.state.warehouseId))]);
      for (const events of chunks(orders.flatMap((o) => o.pullEvents()), 4000)) await this.uow.publish(events);
      written = orders.length;
    }

    const outcomes: PlaceOrderOutcome[] = input.drafts.map((_, index) => {
      const problems = batch.errors.get(index);
      if (problems) return { index, ok: false, errors: problems, ...(batch.duplicateTargets.has(index) ? { duplicateOf: batch.duplicateTargets.get(index) } : {}) };
      const p = placed.get(index)!;
      return { index, ok: true, orderId: p.state.id, orderNumber: p.state.orderNumber, flaggedDuplicateOf: p.state.duplicateOf };
    });
    return { outcomes, written, placed };
  }

  /** Same channel order id (any time) or same phone + total + items within the window, against stored live orders and earlier drafts of the batch. */
  private async markDuplicates(tx: Tx, companyId: string, batch: Batch, settings: OrderSettings, now: Date): Promise<void> {
    const live = batch.valid();
    const since = new Date(now.getTime() - settings.duplicateWindowMinutes * 60_000);
    const channelOrders = new Map<string, { channel: string; channelOrderId: string }>();
    for (const c of live) {
      const key = channelKey(c.spec);
      if (key && !channelOrders.has(key)) channelOrders.set(key, { channel: c.spec.channel, channelOrderId: c.spec.channelOrderId! });
    }
    const stored = await this.store.duplicateCandidates(tx, companyId, [...channelOrders.values()], [...new Set(live.map((c) => c.fingerprint))], since);
    const byChannel = new Map<string, { id: string; orderNumber: string }>();
    const byPrint = new Map<string, { id: string; orderNumber: string }>();
    for (const row of stored) {
      const key = channelKey({ channel: row.channel, channelOrderId: row.channel_order_id });
      if (key && !byChannel.has(key)) byChannel.set(key, { id: row.id, orderNumber: row.order_number });
      if (new Date(row.created_at).getTime() >= since.getTime() && !byPrint.has(row.duplicate_fingerprint)) byPrint.set(row.duplicate_fingerprint, { id: row.id, orderNumber: row.order_number });
    }
    for (const c of live) {
      const key = channelKey(c.spec);
      const viaChannel = key ? byChannel.get(key) : undefined;
      const original = viaChannel ?? byPrint.get(c.fingerprint);
      if (original && settings.duplicateMode === 'reject') {
        batch.duplicateTargets.set(c.index, original.id);
        batch.fail(
          c.index,
          viaChannel
            ? { field: 'channelOrderId', code: 'duplicate', message: `${c.spec.channel} order ${c.spec.channelOrderId} is already order ${original.orderNumber} (${original.id})` }
            : { field: 'buyer.phone', code: 'duplicate', message: `same buyer phone, amount and items as order ${original.orderNumber} (${original.id}) within ${settings.duplicateWindowMinutes} minutes` },
        );
        continue;
      }
      c.duplicateOf = original?.id ?? null;
      // Later drafts of this batch compare against this one (it will be written).
      const self = { id: c.id, orderNumber: c.spec.orderNumber ?? `row ${c.index + 1} of this batch` };
      if (key && !byChannel.has(key)) byChannel.set(key, self);
      if (!byPrint.has(c.fingerprint)) byPrint.set(c.fingerprint, self);
    }
  }

  /** Given numbers must be free (in the company and the batch); the rest are generated. Returns whether the batch will be written. */
  private async number(tx: Tx, input: PlacementInput, batch: Batch, now: Date): Promise<boolean> {
    const given = new Map<string, number>();
    for (const c of batch.valid()) {
      const n = c.spec.orderNumber;
      if (!n) continue;
      if (given.has(n)) batch.fail(c.index, { field: 'orderNumber', code: 'taken', message: `${n} is used by row ${given.get(n)! + 1} of this batch` });
      else given.set(n, c.index);
    }
    const taken = await this.store.takenNumbers(tx, input.companyId, [...given.keys()]);
    for (const c of batch.valid()) {
      if (c.spec.orderNumber && taken.has(c.spec.orderNumber)) batch.fail(c.index, { field: 'orderNumber', code: 'taken', message: `${c.spec.orderNumber} is already an order of your company` });
    }
    const valid = batch.valid();
    const write = !input.dryRun && (input.mode === 'valid_only' || batch.errors.size === 0) && valid.length > 0;
    const unnamed = valid.filter((c) => !c.spec.orderNumber);
    if (unnamed.length) {
      const day = orderNumberDay(now);
      const first = write ? await this.store.reserveNumbers(tx, input.companyId, day, unnamed.length) : 1;
      unnamed.forEach((c, i) => (c.orderNumber = `SC-${day}-${String(first + i).padStart(5, '0')}`));
      if (write) {
        const clash = await this.store.takenNumbers(tx, input.companyId, unnamed.map((c) => c.orderNumber!));
        for (const c of unnamed) if (clash.has(c.orderNumber!)) batch.fail(c.index, { field: 'orderNumber', code: 'taken', message: `generated number ${c.orderNumber} is already used; send an orderNumber` });
      }
    }
    return write;
  }
}

/** Working state of one placement: candidates (valid so far) and problems by draft index. */
class Batch {
  readonly errors = new Map<number, FieldProblem[]>();
  readonly duplicateTargets = new Map<number, string>();
  readonly candidates: Candidate[] = [];

  fail(index: number, problem: FieldProblem): void {
    this.errors.set(index, [...(this.errors.get(index) ?? []), problem]);
  }

  valid(): Candidate[] {
    return this.candidates.filter((c) => !this.errors.has(c.index));
  }
}
