import type { Actor } from '../../actor';

export type UploadMode = 'merge' | 'replace';

/** Keeps the CSV through the storage port and queues its processing; answers the upload's id. */
export class StartCoverageUpload {
  constructor(readonly actor: Actor, readonly bytes: Buffer, readonly fileName: string | null, readonly mode: UploadMode) {}
}
