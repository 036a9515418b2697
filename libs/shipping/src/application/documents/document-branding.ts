import { Inject, Injectable } from '@nestjs/common';
import { COMPANIES_FACADE, CompaniesFacade } from '@shipcrowd/companies/contracts';
import { FILE_STORAGE, FileStorage } from '@shipcrowd/platform';
import type { Branding } from '../../infrastructure/documents';

const LOGO_MAX_BYTES = 512 * 1024;
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|svg\+xml)$/;

/** The company's name, colour and logo (inlined as a data URL: documents never fetch from the network). */
@Injectable()
export class DocumentBranding {
  constructor(
    @Inject(COMPANIES_FACADE) private readonly companies: CompaniesFacade,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async of(companyId: string): Promise<Branding> {
    const branding = await this.companies.brandingOf(companyId);
    if (!branding) return { companyName: 'Shipcrowd seller' };
    return { companyName: branding.name, brandColour: branding.primaryColor ?? undefined, logoDataUrl: branding.logoKey ? await this.logo(branding.logoKey) : undefined };
  }

  private async logo(key: string): Promise<string | undefined> {
    const file = await this.storage.get(key).catch(() => null);
    if (!file || file.size > LOGO_MAX_BYTES || !IMAGE_TYPES.test(file.contentType)) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of file.body) chunks.push(chunk as Buffer);
    return `data:${file.contentType};base64,${Buffer.concat(chunks).toString('base64')}`;
  }
}
