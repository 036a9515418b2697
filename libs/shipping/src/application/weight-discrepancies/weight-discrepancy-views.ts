import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { APP_CONFIG, AppConfig, FILE_STORAGE, FileStorage } from '@shipcrowd/platform';
import { caseFacts, DisputeEvidence, ResolutionOutcome, WeightDiscrepancySnapshot } from '../../domain/weight-discrepancy';

export interface WeightDiscrepancyView extends ReturnType<typeof caseFacts> {
  id: string;
  companyId: string;
  declared: Pick<WeightDiscrepancySnapshot, 'deadWeightGrams' | 'volumetricWeightGrams' | 'chargeableWeightGrams'>;
  courierReported: { chargedWeightGrams: number; reportedAt: string };
  openedAt: string;
  deadlineAt: string;
  acceptedAt: string | null;
  dispute: (Omit<DisputeEvidence, 'photos'> & { disputedAt: string; photos: { url: string; contentType: string; sizeBytes: number }[]; photoLinksExpireAt: string }) | null;
  resolution: { outcome: ResolutionOutcome; note: string | null; resolvedAt: string } | null;
  updatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What the API shows of a case; evidence photos as signed links that expire after STORAGE_SIGNED_URL_TTL_SECONDS. */
@Injectable()
export class WeightDiscrepancyViews {
  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async view(s: WeightDiscrepancySnapshot): Promise<WeightDiscrepancyView> {
    return {
      id: s.id,
      companyId: s.companyId,
      ...caseFacts(s),
      declared: { deadWeightGrams: s.deadWeightGrams, volumetricWeightGrams: s.volumetricWeightGrams, chargeableWeightGrams: s.chargeableWeightGrams },
      courierReported: { chargedWeightGrams: s.chargedWeightGrams, reportedAt: s.chargedReportedAt.toISOString() },
      openedAt: s.openedAt.toISOString(),
      deadlineAt: s.deadlineAt.toISOString(),
      acceptedAt: iso(s.acceptedAt),
      dispute: await this.disputeOf(s),
      resolution: s.resolvedAt ? { outcome: s.status === 'resolved_for_courier' ? 'courier' : 'seller', note: s.resolutionNote, resolvedAt: s.resolvedAt.toISOString() } : null,
      updatedAt: s.updatedAt.toISOString(),
    };
  }

  views(snapshots: readonly WeightDiscrepancySnapshot[]): Promise<WeightDiscrepancyView[]> {
    return Promise.all(snapshots.map((s) => this.view(s)));
  }

  private async disputeOf({ evidence, disputedAt }: WeightDiscrepancySnapshot): Promise<WeightDiscrepancyView['dispute']> {
    if (!evidence || !disputedAt) return null;
    const ttl = this.config.STORAGE_SIGNED_URL_TTL_SECONDS;
    const { photos, ...measures } = evidence;
    return {
      disputedAt: disputedAt.toISOString(),
      ...measures,
      photos: await Promise.all(photos.map(async (p) => ({ url: await this.storage.signedUrl(p.key, ttl), contentType: p.contentType, sizeBytes: p.sizeBytes }))),
      photoLinksExpireAt: new Date(this.clock.now().getTime() + ttl * 1000).toISOString(),
    };
  }
}
