import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, DomainError, newId } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import { CompanyRepository } from '../../../domain/repositories';
import { companyScope } from '../../actor';
import { CompaniesAudit } from '../../companies-audit';
import { ImageInspector } from '../../ports/image-inspector.port';
import { UploadCompanyLogo } from './upload-company-logo.command';

export const LOGO_MAX_BYTES = 1_048_576;
export const LOGO_MIN_SIDE = 64;
export const LOGO_MAX_SIDE = 1024;
/** Raster only: SVG can carry scripts, so it is refused. */
const ALLOWED: Record<string, { ext: string; contentType: string }> = {
  png: { ext: 'png', contentType: 'image/png' },
  jpg: { ext: 'jpg', contentType: 'image/jpeg' },
  webp: { ext: 'webp', contentType: 'image/webp' },
};

/**
 * Checks the real bytes (type and dimensions), stores the file, then points the company at it.
 * The file is written before the transaction and removed again if the transaction fails; the
 * replaced logo is deleted only after commit.
 */
@CommandHandler(UploadCompanyLogo)
export class UploadCompanyLogoHandler implements ICommandHandler<UploadCompanyLogo, { key: string }> {
  private readonly logger = new Logger('companies');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly companies: CompanyRepository,
    private readonly audit: CompaniesAudit,
    private readonly images: ImageInspector,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, bytes }: UploadCompanyLogo): Promise<{ key: string }> {
    if (bytes.length > LOGO_MAX_BYTES) throw new DomainError('company.logo_too_large', `The logo must be at most ${LOGO_MAX_BYTES} bytes.`, 'validation', { errors: [{ field: 'file', message: 'is larger than 1 MB', code: 'too_large' }] });
    const facts = this.images.inspect(bytes);
    const format = facts ? ALLOWED[facts.type] : undefined;
    if (!facts || !format) {
      throw new DomainError('company.logo_unsupported_type', 'The logo must be a PNG, JPEG or WebP image.', 'validation', {
        errors: [{ field: 'file', message: facts ? `${facts.type} images are not accepted` : 'is not a recognisable image', code: 'unsupported_type' }],
      });
    }
    const { width, height } = facts;
    if (width < LOGO_MIN_SIDE || height < LOGO_MIN_SIDE || width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE) {
      throw new DomainError('company.logo_dimensions', `The logo must be between ${LOGO_MIN_SIDE}x${LOGO_MIN_SIDE} and ${LOGO_MAX_SIDE}x${LOGO_MAX_SIDE} pixels; this one is ${width}x${height}.`, 'validation', {
        errors: [{ field: 'file', message: `is ${width}x${height}; allowed ${LOGO_MIN_SIDE}-${LOGO_MAX_SIDE} px per side`, code: 'dimensions' }],
      });
    }

    const key = `companies/${actor.companyId}/logo/${newId()}.${format.ext}`;
    await this.storage.put(key, bytes, format.contentType);
    let previous: string | null;
    try {
      previous = await this.uow.run(companyScope(actor), async () => {
        const company = await this.companies.get(actor.companyId);
        const replaced = company.setLogo(key, this.clock.now());
        await this.companies.save(company);
        await this.audit.byMember(actor, 'company.logo_updated', { type: 'company', id: company.id }, { logo: replaced }, { logo: key }, { width, height, bytes: bytes.length, type: format.contentType });
        return replaced;
      });
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
    if (previous) await this.storage.delete(previous).catch((err) => this.logger.warn({ err, key: previous }, 'could not delete the replaced logo'));
    return { key };
  }
}
