import { Logger } from '@nestjs/common';
import { DomainError } from '@shipcrowd/kernel';
import type { CourierCode, CourierRate, CouriersFacade, RateQuery } from '../../../../contracts';
import { CourierProviders } from '../../courier-providers';
import type { CourierProvider } from '../../ports/courier-provider';
import { CompareCourierRatesHandler } from './compare-courier-rates.handler';
import { CompareCourierRates } from './compare-courier-rates.query';

const QUERY: RateQuery = { originPincode: '560058', destinationPincode: '400001', paymentMode: 'prepaid', weightGrams: 1200, codAmountPaise: 0, lengthCm: 30, breadthCm: 20, heightCm: 10, declaredValuePaise: 149900 };

/** An integration that only declares whether it prices through the courier's API (and has the method or not). */
function adapter(code: CourierCode, rateApi: boolean, hasMethod = rateApi): CourierProvider {
  return { code, capabilities: { rateApi }, ...(hasMethod ? { rates: () => Promise.resolve([]) } : {}) } as unknown as CourierProvider;
}

const rate = (service: string, totalPaise: number): CourierRate => ({ service, totalPaise, freightPaise: null, codChargePaise: null, gstPaise: null, chargeableWeightGrams: null, expectedTransitDays: null });

/** A facade whose rates() answers only when the test says, recording who was asked. */
class ScriptedCouriers {
  readonly asked: CourierCode[] = [];
  private readonly pending = new Map<CourierCode, { resolve: (rates: CourierRate[]) => void; reject: (error: unknown) => void }>();

  rates(_companyId: string, courier: CourierCode): Promise<CourierRate[]> {
    this.asked.push(courier);
    return new Promise((resolve, reject) => this.pending.set(courier, { resolve, reject }));
  }

  answer(courier: CourierCode, rates: CourierRate[]): void {
    this.pending.get(courier)!.resolve(rates);
  }

  fail(courier: CourierCode, error: unknown): void {
    this.pending.get(courier)!.reject(error);
  }
}

describe('CompareCourierRatesHandler', () => {
  const providers = new CourierProviders([
    adapter('smartship', true),
    adapter('delhivery', true),
    adapter('dtdc', false),
    adapter('shiprocket', true),
    adapter('maruti', true, false), // declares the API, lacks the method: not asked by default
    adapter('xpressbees', true),
  ]);
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('asks every courier that prices through its API at once, before any answers, in catalogue order', async () => {
    const couriers = new ScriptedCouriers();
    const answer = new CompareCourierRatesHandler(couriers as unknown as CouriersFacade, providers).execute(new CompareCourierRates('company-1', QUERY));
    await tick();
    expect(couriers.asked).toEqual(['delhivery', 'xpressbees', 'shiprocket', 'smartship']);
    couriers.answer('delhivery', [rate('express', 9000), rate('surface', 6000)]);
    couriers.answer('xpressbees', []);
    couriers.fail('shiprocket', new DomainError('courier.unavailable', 'Shiprocket is not answering (timeout). Try again later.', 'unavailable', { courier: 'shiprocket' }));
    couriers.answer('smartship', [rate('surface', 5500)]);
    expect(await answer).toEqual([
      { courier: 'smartship', status: 'ok', rates: [rate('surface', 5500)] },
      { courier: 'delhivery', status: 'ok', rates: [rate('surface', 6000), rate('express', 9000)] },
      { courier: 'xpressbees', status: 'ok', rates: [] },
      { courier: 'shiprocket', status: 'error', error: { code: 'courier.unavailable', detail: 'Shiprocket is not answering (timeout). Try again later.' } },
    ]);
  });

  it('answers every listed courier once: refusals of the capability as unsupported, unexpected failures as internal errors', async () => {
    const couriers = new ScriptedCouriers();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const answer = new CompareCourierRatesHandler(couriers as unknown as CouriersFacade, providers).execute(new CompareCourierRates('company-1', QUERY, ['dtdc', 'delhivery', 'dtdc', 'maruti']));
      await tick();
      expect(couriers.asked).toEqual(['dtdc', 'delhivery', 'maruti']);
      couriers.fail('dtdc', new DomainError('courier.capability_unsupported', 'DTDC does not quote prices through its API.', 'rule', { courier: 'dtdc', rule: 'rateApi' }));
      couriers.fail('delhivery', new TypeError("Cannot read properties of undefined (reading 'total_amount')"));
      couriers.answer('maruti', [rate('surface', 7000)]);
      expect(await answer).toEqual([
        { courier: 'maruti', status: 'ok', rates: [rate('surface', 7000)] },
        { courier: 'delhivery', status: 'error', error: { code: 'internal', detail: 'Asking Delhivery failed unexpectedly.' } },
        { courier: 'dtdc', status: 'unsupported', error: { code: 'courier.capability_unsupported', detail: 'DTDC does not quote prices through its API.' } },
      ]);
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ courier: 'delhivery' }), expect.stringContaining('unexpectedly'));
    } finally {
      logged.mockRestore();
    }
  });
});
