import { DomainError, NotFoundError } from '@shipcrowd/kernel';
import { failureOf, finishedStatus, isBatchFinished } from './shipment-batch';

describe('shipment batch rules', () => {
  it('finishes as completed only when no order failed', () => {
    expect(finishedStatus({ failed: 0 })).toBe('completed');
    expect(finishedStatus({ failed: 1 })).toBe('completed_with_errors');
  });

  it('counts completed, completed_with_errors and failed as finished', () => {
    expect(['queued', 'running', 'completed', 'completed_with_errors', 'failed'].filter((s) => isBatchFinished(s as never))).toEqual(['completed', 'completed_with_errors', 'failed']);
  });

  it('keeps the code and message of a business refusal, and hides anything else behind a stable code', () => {
    expect(failureOf(new NotFoundError('Order', 'o-1'))).toEqual({ code: 'order.not_found', message: 'Order o-1 was not found' });
    expect(failureOf(new DomainError('shipment.already_booked', 'Order A-1 already has a live shipment.', 'conflict'))).toEqual({ code: 'shipment.already_booked', message: 'Order A-1 already has a live shipment.' });
    const hidden = failureOf(new Error('connection terminated: password authentication failed for user "app"'));
    expect(hidden.code).toBe('shipment.booking_error');
    expect(hidden.message).not.toMatch(/password|connection/);
  });
});
