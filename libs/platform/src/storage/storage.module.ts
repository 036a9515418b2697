import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig } from '../config/config.schema';
import { FileUrlSigner } from './file-url-signer';
import { FilesController } from './files.controller';
import { LocalFileStorage } from './local-file-storage';
import { S3FileStorage } from './s3-file-storage';
import { FILE_STORAGE, FileStorage } from './storage.port';

export function createFileStorage(config: AppConfig, clock: Clock): FileStorage {
  if (config.STORAGE_DRIVER === 's3') {
    return new S3FileStorage({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET!,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalFileStorage(config.STORAGE_LOCAL_DIR, new FileUrlSigner(config.JWT_SECRET, config.PUBLIC_BASE_URL), clock);
}

/** FILE_STORAGE by STORAGE_DRIVER (local | s3), plus GET /v1/files/* for signed local links. */
@Global()
@Module({
  controllers: [FilesController],
  providers: [{ provide: FILE_STORAGE, inject: [APP_CONFIG, CLOCK], useFactory: createFileStorage }],
  exports: [FILE_STORAGE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  onApplicationShutdown(): void {
    if (this.storage instanceof S3FileStorage) this.storage.destroy();
  }
}
