import { DomainError } from '@shipcrowd/kernel';

/** Orders one bulk booking request may carry. */
export const MAX_BATCH_ORDERS = 500;

/** queued → running → completed | completed_with_errors; failed: the batch itself stopped (never queued, or its job gave up). */
export const BATCH_STATUSES = ['queued', 'running', 'completed', 'completed_with_errors', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const BATCH_ITEM_STATUSES = ['pending', 'booked', 'failed'] as const;
export type BatchItemStatus = (typeof BATCH_ITEM_STATUSES)[number];

export interface BatchFailure {
  code: string;
  message: string;
}

/** How booking one order of a batch ended. */
export type BatchItemOutcome = { ok: true; shipmentId: string; awb: string; courier: string; service: string } | ({ ok: false } & BatchFailure);

export function isBatchFinished(status: BatchStatus): boolean {
  return status === 'completed' || status === 'completed_with_errors' || status === 'failed';
}

/** The status of a batch whose every order has been tried. */
export function finishedStatus(counts: { failed: number }): BatchStatus {
  return counts.failed > 0 ? 'completed_with_errors' : 'completed';
}

/** Why a booking failed, as the seller reads it per order: a business refusal keeps its code; anything else is not shown raw. */
export function failureOf(error: unknown): BatchFailure {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'shipment.booking_error', message: 'The booking stopped on an internal error; book this order again.' };
}
