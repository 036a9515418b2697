import { Inject, Injectable } from '@nestjs/common';
import { FILE_STORAGE, FileStorage } from '@shipcrowd/platform';

export const AVATAR_URL_TTL_SECONDS = 3600;

@Injectable()
export class AvatarUrls {
  constructor(@Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  urlFor(key: string | null): Promise<string | null> {
    return key ? this.storage.signedUrl(key, AVATAR_URL_TTL_SECONDS) : Promise.resolve(null);
  }
}
