export class ListSyncRuns {
  constructor(readonly limit: number, readonly before?: { startedAt: string; id: string }, readonly courier?: string) {}
}
