import type { Actor } from '../../actor';

export class UploadCompanyLogo {
  constructor(
    readonly actor: Actor,
    readonly bytes: Buffer,
  ) {}
}
