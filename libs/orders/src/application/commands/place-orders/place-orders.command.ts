import type { PlacementInput } from '../../order-placement';

/** Place one or many orders (POST /v1/orders sends one draft; imports send thousands). */
export class PlaceOrders {
  constructor(readonly input: PlacementInput) {}
}
