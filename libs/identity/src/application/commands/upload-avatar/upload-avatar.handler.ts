import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { imageSize } from 'image-size';
import { Clock, CLOCK, DomainError, newId } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import { IdentityErrors, UserRepository } from '../../../domain';
import { AvatarUrls } from '../../services/avatar-urls';
import { UploadAvatar } from './upload-avatar.command';

export const AVATAR_MAX_BYTES = 2 * 1_048_576;
export const AVATAR_MAX_SIDE = 2048;
const TYPES: Record<string, { ext: string; contentType: string }> = {
  png: { ext: 'png', contentType: 'image/png' },
  jpg: { ext: 'jpg', contentType: 'image/jpeg' },
  webp: { ext: 'webp', contentType: 'image/webp' },
};

/** The file's own bytes decide its type and size (never the client's Content-Type or file name). */
@CommandHandler(UploadAvatar)
export class UploadAvatarHandler implements ICommandHandler<UploadAvatar> {
  private readonly logger = new Logger('identity.avatar');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly avatars: AvatarUrls,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ userId, bytes }: UploadAvatar): Promise<{ avatarUrl: string }> {
    if (bytes.length > AVATAR_MAX_BYTES) throw new DomainError('avatar.too_large', `The image must be at most ${AVATAR_MAX_BYTES / 1_048_576} MB.`, 'validation', { errors: [{ field: 'file', message: 'is larger than 2 MB', code: 'too_large' }] });
    let info: { width?: number; height?: number; type?: string };
    try {
      info = imageSize(bytes);
    } catch {
      info = {};
    }
    const type = info.type ? TYPES[info.type] : undefined;
    if (!type || !info.width || !info.height) {
      throw new DomainError('avatar.unsupported_type', 'The file is not a PNG, JPEG or WebP image.', 'validation', { errors: [{ field: 'file', message: 'must be a PNG, JPEG or WebP image', code: 'unsupported_type' }] });
    }
    if (info.width > AVATAR_MAX_SIDE || info.height > AVATAR_MAX_SIDE) {
      throw new DomainError('avatar.too_large_dimensions', `The image must be at most ${AVATAR_MAX_SIDE}×${AVATAR_MAX_SIDE} pixels.`, 'validation', { errors: [{ field: 'file', message: `is ${info.width}×${info.height}; at most ${AVATAR_MAX_SIDE}×${AVATAR_MAX_SIDE}`, code: 'too_large_dimensions' }] });
    }
    const key = `users/${userId}/avatar/${newId()}.${type.ext}`;
    await this.storage.put(key, bytes, type.contentType);
    let previous: string | null;
    try {
      previous = await this.uow.run({ userId }, async () => {
        const user = await this.users.findById(userId);
        if (!user) throw IdentityErrors.userNotFound();
        const previous = user.setAvatar(key, this.clock.now());
        await this.users.save(user);
        return previous;
      });
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
    if (previous) await this.storage.delete(previous).catch((e) => this.logger.warn({ msg: 'old avatar not deleted', key: previous, error: (e as Error).message }));
    return { avatarUrl: (await this.avatars.urlFor(key))! };
  }
}
