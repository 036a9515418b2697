import type { TransitTime } from '../../../domain/sandbox-coverage';
import type { Actor } from '../../actor';

/** Platform admins set transit days for courier/service/zone cells (other cells keep their value). */
export class SetTransitTimes {
  constructor(readonly actor: Actor, readonly entries: TransitTime[]) {}
}
