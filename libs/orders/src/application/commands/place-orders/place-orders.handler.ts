import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrderPlacement, PlacementResult } from '../../order-placement';
import { PlaceOrders } from './place-orders.command';

@CommandHandler(PlaceOrders)
export class PlaceOrdersHandler implements ICommandHandler<PlaceOrders, PlacementResult> {
  constructor(private readonly placement: OrderPlacement) {}

  execute({ input }: PlaceOrders): Promise<PlacementResult> {
    return this.placement.place(input);
  }
}
