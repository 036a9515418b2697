import type { ImportMode } from '../../../domain/import-status';
import type { Actor } from '../../actor';

/** Accepts an uploaded order file: checks what can be checked at once (type, encoding, header), stores it and queues the job. */
export class StartImport {
  constructor(
    readonly actor: Actor,
    readonly fileName: string,
    readonly bytes: Buffer,
    readonly mode: ImportMode,
  ) {}
}
