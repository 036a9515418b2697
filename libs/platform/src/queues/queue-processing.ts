import type { Logger } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { requestContext } from '../context/request-context';

/**
 * Starts taking jobs from a Bull queue, `concurrency` at a time, each run in a request context named by `requestIdOf`
 * (so its logs carry it). A processor that cannot start is logged, not thrown: the process keeps serving.
 */
export function processJobs<T>(queue: Queue<T>, options: { concurrency: number; logger: Logger; requestIdOf(job: Job<T>): string }, work: (job: Job<T>) => Promise<unknown>): void {
  queue
    .process(options.concurrency, (job: Job<T>) => requestContext.run({ requestId: options.requestIdOf(job) }, () => work(job)))
    .catch((error) => options.logger.error({ err: error, queue: queue.name }, 'queue processor stopped'));
}
