import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { OrderShippingView, OrdersFacade, PlaceOrdersInput, PlaceOrderOutcome, ShipmentDrivenOrderStatus } from '../../contracts';
import { RecordShipmentProgress } from './commands/record-shipment-progress/record-shipment-progress.command';
import { GetShippingView } from './queries/get-shipping-view/get-shipping-view.query';
import { PlaceOrders } from './commands/place-orders/place-orders.command';
import { RollbackImport } from './commands/rollback-import/rollback-import.command';
import type { RollbackResult } from './commands/rollback-import/rollback-import.handler';
import type { PlacementResult } from './order-placement';

@Injectable()
export class OrdersFacadeImpl implements OrdersFacade {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  shippingView(companyId: string, orderId: string): Promise<OrderShippingView | null> {
    return this.queries.execute(new GetShippingView(companyId, orderId));
  }

  recordShipmentProgress(companyId: string, orderId: string, update: { status: ShipmentDrivenOrderStatus; awb: string | null; reason: string }): Promise<void> {
    return this.commands.execute(new RecordShipmentProgress(companyId, orderId, update.status, update.awb, update.reason));
  }

  async placeOrders(input: PlaceOrdersInput): Promise<{ outcomes: PlaceOrderOutcome[]; written: number }> {
    const result = await this.commands.execute<PlaceOrders, PlacementResult>(
      new PlaceOrders({ ...input, drafts: input.drafts, defaultChannel: input.importId ? 'csv_import' : 'api' }),
    );
    return { outcomes: result.outcomes, written: result.written };
  }

  rollbackImport(input: { companyId: string; actorUserId: string | null; importId: string }): Promise<RollbackResult> {
    return this.commands.execute(new RollbackImport({ companyId: input.companyId, userId: input.actorUserId }, input.importId));
  }
}
