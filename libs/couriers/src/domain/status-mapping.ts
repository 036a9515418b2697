import type { ShipmentStatus } from '../../contracts';

/** A courier's raw status codes (as it sends them; matched case-insensitively after trimming) to the unified taxonomy. */
export type StatusMappingTable = Readonly<Record<string, ShipmentStatus>>;

/** Builds the lookup once; unknown codes map to `exception` so they are stored and alerted, never dropped. */
export function statusMapper(table: StatusMappingTable): (rawCode: string) => ShipmentStatus {
  const byCode = new Map(Object.entries(table).map(([code, status]) => [code.trim().toUpperCase(), status]));
  return (rawCode) => byCode.get(rawCode.trim().toUpperCase()) ?? 'exception';
}
