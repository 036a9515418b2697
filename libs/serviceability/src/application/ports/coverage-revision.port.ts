/** The change signal sent with every bump: in-process coverage caches listen to it. */
export const COVERAGE_CHANGED = 'serviceability.coverage';

/** A counter that moves after every committed coverage, transit-time or blocklist change (quote caches key on it). */
export abstract class CoverageRevision {
  abstract current(): Promise<number>;
  /** Call AFTER the change committed. */
  abstract bump(): Promise<number>;
}
