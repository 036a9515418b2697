export type ImportStatus = 'queued' | 'validating' | 'importing' | 'completed' | 'failed' | 'rolled_back';
export type ImportMode = 'all_or_nothing' | 'valid_only';

export const IMPORT_MODES: readonly ImportMode[] = ['all_or_nothing', 'valid_only'];
export const TERMINAL_STATUSES: readonly ImportStatus[] = ['completed', 'failed', 'rolled_back'];

export function isTerminal(status: ImportStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
