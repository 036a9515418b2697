/** Validates, stages and (when every row is valid) applies a queued coverage upload. Run by the upload job. */
export class ProcessCoverageUpload {
  constructor(readonly uploadId: string) {}
}
