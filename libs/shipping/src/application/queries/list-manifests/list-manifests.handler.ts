import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { desc, eq, lt } from 'drizzle-orm';
import { isUuid, NotFoundError } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, Page, toPage, UnitOfWork } from '@shipcrowd/platform';
import { MANIFEST_LINK_SECONDS, manifestView } from '../../commands/create-manifest/create-manifest.handler';
import type { ManifestRecord } from '../../commands/create-manifest/create-manifest.command';
import { manifests } from '../../../infrastructure/persistence/shipping.schema';
import { GetManifest, ListManifests } from './list-manifests.query';

@QueryHandler(ListManifests)
export class ListManifestsHandler implements IQueryHandler<ListManifests, Page<Omit<ManifestRecord, 'documentUrl'>>> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ companyId, limit, before }: ListManifests) {
    return this.uow.run({ companyId }, async (tx) => {
      const rows = await tx.select().from(manifests).where(before ? lt(manifests.createdAt, before) : undefined).orderBy(desc(manifests.createdAt)).limit(limit + 1);
      return toPage(rows.map(manifestView), limit, (r) => ({ before: r.createdAt.toISOString() }));
    });
  }
}

/** One manifest with a fresh signed link to its PDF. */
@QueryHandler(GetManifest)
export class GetManifestHandler implements IQueryHandler<GetManifest, ManifestRecord> {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async execute({ companyId, manifestId }: GetManifest): Promise<ManifestRecord> {
    const row = isUuid(manifestId) ? await this.uow.run({ companyId }, async (tx) => (await tx.select().from(manifests).where(eq(manifests.id, manifestId)))[0]) : undefined;
    if (!row) throw new NotFoundError('Manifest', manifestId);
    return { ...manifestView(row), documentUrl: await this.storage.signedUrl(row.documentKey, MANIFEST_LINK_SECONDS) };
  }
}
