import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isUuid } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import type { OrderShippingView } from '../../../../contracts';
import { OrdersStore } from '../../../infrastructure/persistence/orders.store';
import { GetShippingView } from './get-shipping-view.query';

@QueryHandler(GetShippingView)
export class GetShippingViewHandler implements IQueryHandler<GetShippingView, OrderShippingView | null> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrdersStore,
  ) {}

  execute({ companyId, orderId }: GetShippingView): Promise<OrderShippingView | null> {
    if (!isUuid(orderId)) return Promise.resolve(null);
    return this.uow.run({ companyId }, async (tx) => {
      const order = await this.store.load(tx, orderId);
      if (!order) return null;
      const s = order.state;
      const spec = s.spec;
      return {
        id: s.id,
        companyId: s.companyId,
        orderNumber: s.orderNumber,
        status: s.status,
        type: spec.type,
        paymentMode: spec.paymentMode,
        codAmountPaise: spec.codAmountPaise,
        totalPaise: spec.totals.totalPaise,
        declaredValuePaise: spec.insurance.insured && spec.insurance.declaredValuePaise ? spec.insurance.declaredValuePaise : spec.totals.totalPaise,
        buyer: { ...spec.buyer },
        shippingAddress: { ...spec.shippingAddress },
        // Orders stored before rates and line discounts were kept lack them.
        items: spec.items.map(({ sku, name, quantity, unitPricePaise, hsnCode, taxRatePercent, discountPaise }) => ({ sku, name, quantity, unitPricePaise, hsnCode, taxRatePercent: taxRatePercent ?? null, discountPaise: discountPaise ?? 0 })),
        packages: spec.packages.map((p) => ({ ...p })),
        totalWeightGrams: spec.totalWeightGrams,
        warehouseId: s.warehouseId,
        courierPreference: [...s.routing.courierPreference],
        handling: { ...spec.handling },
        insured: spec.insurance.insured,
        b2b: spec.b2b
          ? { ...spec.b2b, freightMode: spec.freightMode, boxCount: spec.boxCount, appointmentDelivery: spec.appointmentDelivery }
          : null,
      };
    });
  }
}
