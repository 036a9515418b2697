import { Command } from '@nestjs/cqrs';

/**
 * Deletes accounts whose deletion grace period has passed. Run by the worker's schedule (daily is plenty);
 * safe to run concurrently (rows are claimed with SKIP LOCKED) and repeatedly.
 */
export class PurgeDeletedAccounts extends Command<{ purged: number }> {
  constructor(readonly batchSize = 100) {
    super();
  }
}
