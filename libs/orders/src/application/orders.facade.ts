import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OrdersFacade, PlaceOrdersInput, PlaceOrderOutcome } from '../../contracts';
import { PlaceOrders } from './commands/place-orders/place-orders.command';
import { RollbackImport } from './commands/rollback-import/rollback-import.command';
import type { RollbackResult } from './commands/rollback-import/rollback-import.handler';
import type { PlacementResult } from './order-placement';

@Injectable()
export class OrdersFacadeImpl implements OrdersFacade {
  constructor(private readonly commands: CommandBus) {}

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
