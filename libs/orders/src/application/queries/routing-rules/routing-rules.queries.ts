export class ListRoutingRules {
  constructor(readonly companyId: string) {}
}

/** Explain routing for a draft (or a stored order: its current content, as if it named no warehouse). */
export class TestRouting {
  constructor(
    readonly companyId: string,
    readonly input: { draft?: unknown; orderId?: string },
  ) {}
}
