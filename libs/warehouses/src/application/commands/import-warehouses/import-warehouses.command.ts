import type { Actor } from '../../actor';

/** One data line of a warehouses CSV: its line number in the file (header = 1) and its cells by column. */
export interface WarehouseCsvRecord {
  line: number;
  cells: Record<string, string>;
}

/**
 * Creates or updates (matched by code) every warehouse in the file, all or nothing: one bad row and nothing
 * is written; the error lists every problem by row and column.
 */
export class ImportWarehouses {
  constructor(
    readonly actor: Actor,
    readonly records: WarehouseCsvRecord[],
  ) {}
}

export interface ImportWarehousesResult {
  created: number;
  updated: number;
  /** Code of the default warehouse after the import. */
  defaultCode: string | null;
}
