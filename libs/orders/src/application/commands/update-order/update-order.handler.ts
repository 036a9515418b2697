import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GEO_FACADE, GeoFacade } from '@shipcrowd/geo/contracts';
import { CLOCK, Clock, ConcurrencyError, DomainError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { WAREHOUSES_FACADE, WarehousesFacade } from '@shipcrowd/warehouses/contracts';
import { duplicateFingerprint } from '../../../domain/duplicates';
import { specToDraft, validateOrderDraft } from '../../../domain/order-spec';
import { OrdersStore } from '../../../infrastructure/persistence/orders.store';
import { routeOrder, routingFacts, WarehouseDirectory } from '../../order-routing';
import { loadOrder, toAddressQuality } from '../../order-support';
import { UpdateOrder } from './update-order.command';

/** Fields that identify the order and are never edited. */
const FIXED = ['orderNumber', 'channel', 'channelOrderId', 'orderDate', 'type'];
const MERGED = ['buyer', 'shippingAddress', 'billingAddress', 'handling', 'insurance', 'b2b'];

@CommandHandler(UpdateOrder)
export class UpdateOrderHandler implements ICommandHandler<UpdateOrder, { version: number; changed: string[] }> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
    @Inject(WAREHOUSES_FACADE) private readonly warehouses: WarehousesFacade,
    @Inject(GEO_FACADE) private readonly geo: GeoFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actor, orderId, patch, expectedVersion }: UpdateOrder): Promise<{ version: number; changed: string[] }> {
    return this.uow.run({ companyId: actor.companyId }, async (tx) => {
      const now = this.clock.now();
      const order = await loadOrder(this.store, tx, orderId);
      if (order.version !== expectedVersion) throw new ConcurrencyError('Order', orderId);
      const settings = await this.store.settings(tx, actor.companyId);
      order.assertModifiable(now, settings.modificationWindowMinutes);

      const fixed = FIXED.filter((k) => k in patch);
      if (fixed.length) {
        throw new DomainError('order.field_not_editable', `${fixed.join(', ')} cannot be changed; cancel and place a new order instead.`, 'validation', {
          errors: fixed.map((field) => ({ field, code: 'not_editable', message: 'cannot be changed after placing the order' })),
        });
      }
      const draft = specToDraft(order.state.spec) as unknown as Record<string, unknown>;
      // A COD amount that only defaulted to the total follows the new total (and goes away for prepaid).
      const stored = order.state.spec;
      if (!('codAmountPaise' in patch) && (stored.codAmountPaise === stored.totals.totalPaise || patch.paymentMode === 'prepaid')) draft.codAmountPaise = null;
      for (const [key, value] of Object.entries(patch)) {
        const current = draft[key];
        draft[key] = MERGED.includes(key) && value && typeof value === 'object' && current && typeof current === 'object' ? { ...current, ...value } : value;
      }
      const result = validateOrderDraft(draft, now);
      if (!result.ok) throw new DomainError('order.invalid', `${result.errors.length} field(s) are invalid`, 'validation', { errors: result.errors });
      const spec = result.spec;

      const before = order.state;
      const addressChanged = JSON.stringify([before.spec.shippingAddress, before.spec.buyer.phone]) !== JSON.stringify([spec.shippingAddress, spec.buyer.phone]);
      const assessment = addressChanged ? await this.geo.assessAddress({ ...spec.shippingAddress, phone: spec.buyer.phone }) : null;
      const addressQuality = assessment ? toAddressQuality(assessment) : before.addressQuality;

      let warehouseId = before.warehouseId;
      let routing = before.routing;
      if ('warehouseId' in patch || 'warehouseCode' in patch) {
        const routed = await routeOrder(spec, routingFacts(spec, null), [], new WarehouseDirectory(this.warehouses, actor.companyId));
        if (!routed.ok) throw new DomainError('order.invalid', routed.error.message, 'validation', { errors: [routed.error] });
        warehouseId = routed.warehouse.id;
        routing = routed.routing;
      }
      const changed = order.revise({ spec, warehouseId, routing, addressQuality }, now, settings.modificationWindowMinutes, actor.userId);
      if (changed.length === 0) return { version: order.version, changed };
      await this.store.save(tx, order, duplicateFingerprint(spec));
      if (warehouseId !== before.warehouseId) await this.warehouses.markUsed?.(actor.companyId, [warehouseId]);
      await this.uow.publish(order.pullEvents());
      return { version: order.version, changed };
    });
  }
}
