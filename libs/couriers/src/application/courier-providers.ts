import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@shipcrowd/kernel';
import type { CourierCode } from '../../contracts';
import { courierProfile } from '../../contracts';
import type { CourierProvider } from './ports/courier-provider';

/** The adapters this process integrates (built by infrastructure/adapters/registry.ts). */
export const COURIER_PROVIDERS = Symbol('CourierProviders');

/** Finds the adapter of a courier; a catalogue courier without an adapter is as unknown as a misspelt code. */
@Injectable()
export class CourierProviders {
  private readonly byCode: ReadonlyMap<string, CourierProvider>;

  constructor(@Inject(COURIER_PROVIDERS) adapters: readonly CourierProvider[]) {
    const byCode = new Map<string, CourierProvider>();
    for (const adapter of adapters) {
      if (!courierProfile(adapter.code)) throw new Error(`courier adapter ${adapter.constructor.name} has code '${adapter.code}', which is not in the courier catalogue`);
      if (byCode.has(adapter.code)) throw new Error(`two courier adapters have the code '${adapter.code}'`);
      byCode.set(adapter.code, adapter);
    }
    this.byCode = byCode;
  }

  /** Throws DomainError courier.unknown. */
  get(courier: string): CourierProvider {
    const adapter = this.find(courier);
    if (!adapter) {
      const known = courierProfile(courier);
      throw new DomainError('courier.unknown', known ? `${known.name} is not integrated yet.` : `There is no courier '${courier}'.`, 'not_found', { courier });
    }
    return adapter;
  }

  find(courier: string): CourierProvider | undefined {
    return this.byCode.get(courier);
  }

  has(courier: CourierCode): boolean {
    return this.byCode.has(courier);
  }

  all(): CourierProvider[] {
    return [...this.byCode.values()];
  }
}
