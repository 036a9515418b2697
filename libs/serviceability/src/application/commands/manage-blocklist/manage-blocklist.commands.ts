import type { Actor } from '../../actor';

export interface BlocklistEntryInput {
  pincode: string;
  /** Omitted/null = every courier. */
  courier?: string | null;
  reason?: string | null;
}

/** Adds up to 1,000 pincodes to the company's blocklist (entries already there are left as they are). */
export class AddBlocklistEntries {
  constructor(readonly actor: Actor, readonly entries: BlocklistEntryInput[]) {}
}

/** Removes the company's entries for these pincodes: one courier's (courier set), the all-courier ones (null) or all (undefined). */
export class RemoveBlocklistEntries {
  constructor(readonly actor: Actor, readonly pincodes: string[], readonly courier?: string | null) {}
}
