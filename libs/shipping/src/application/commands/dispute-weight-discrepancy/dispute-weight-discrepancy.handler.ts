import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, newId } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import type { EvidencePhoto } from '../../../domain/weight-discrepancy';
import { WeightDiscrepancyChanges } from '../../weight-discrepancies/weight-discrepancy-changes';
import type { WeightDiscrepancyView } from '../../weight-discrepancies/weight-discrepancy-views';
import { DisputeWeightDiscrepancy } from './dispute-weight-discrepancy.command';
import { checkEvidencePhotos } from './evidence-photos';

/**
 * Checks the photos and that the case can still be disputed before storing anything, stores the photos, then records
 * the dispute; photos of a dispute that fails to commit are removed again.
 */
@CommandHandler(DisputeWeightDiscrepancy)
export class DisputeWeightDiscrepancyHandler implements ICommandHandler<DisputeWeightDiscrepancy, WeightDiscrepancyView> {
  private readonly logger = new Logger('shipping');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly changes: WeightDiscrepancyChanges,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, discrepancyId, photos, measures }: DisputeWeightDiscrepancy): Promise<WeightDiscrepancyView> {
    const scope = { companyId: actor.companyId, userId: actor.userId };
    const checked = checkEvidencePhotos(photos);
    await this.uow.run(scope, async (tx) => (await this.changes.load(tx, discrepancyId)).assertAnswerable(this.clock.now()));

    const stored: EvidencePhoto[] = [];
    try {
      for (const photo of checked) {
        const key = `companies/${actor.companyId}/weight-discrepancies/${discrepancyId}/${newId()}.${photo.ext}`;
        await this.storage.put(key, photo.bytes, photo.contentType);
        stored.push({ key, contentType: photo.contentType, sizeBytes: photo.bytes.length });
      }
      return await this.changes.apply(scope, discrepancyId, (discrepancy) => discrepancy.dispute({ photos: stored, ...measures }, actor.userId, this.clock.now()));
    } catch (error) {
      await Promise.all(stored.map((p) => this.storage.delete(p.key).catch((err) => this.logger.warn({ err, key: p.key }, 'could not remove the photo of a failed dispute'))));
      throw error;
    }
  }
}
