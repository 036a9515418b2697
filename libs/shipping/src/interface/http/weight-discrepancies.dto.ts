import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { COURIERS } from '@shipcrowd/couriers/contracts';
import { PageMeta, PageQuery } from '@shipcrowd/platform';
import { MAX_EVIDENCE_PHOTOS } from '../../application/commands/dispute-weight-discrepancy/evidence-photos';

const COURIER_CODES = COURIERS.map((c) => c.code);
export const DISCREPANCY_STATUSES = ['open', 'accepted', 'auto_accepted', 'disputed', 'resolved_for_seller', 'resolved_for_courier'] as const;
const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class ListWeightDiscrepanciesQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${DISCREPANCY_STATUSES.join(', ')}` }) @IsOptional() @Transform(list) @IsIn(DISCREPANCY_STATUSES, { each: true }) status?: string[];
  @ApiPropertyOptional({ enum: COURIER_CODES }) @IsOptional() @IsIn(COURIER_CODES) courier?: string;
}

/** The text fields of the dispute form (multipart sends them as strings). */
export class DisputeMeasuresDto {
  @ApiProperty({ example: 30, minimum: 1, maximum: 1500 }) @Type(() => Number) @IsInt() @Min(1) @Max(1_500) lengthCm!: number;
  @ApiProperty({ example: 20, minimum: 1, maximum: 1500 }) @Type(() => Number) @IsInt() @Min(1) @Max(1_500) breadthCm!: number;
  @ApiProperty({ example: 10, minimum: 1, maximum: 1500 }) @Type(() => Number) @IsInt() @Min(1) @Max(1_500) heightCm!: number;
  @ApiProperty({ example: 950, minimum: 1, description: 'What the seller’s scale shows' }) @Type(() => Number) @IsInt() @Min(1) @Max(50_000_000) weightGrams!: number;
  @ApiPropertyOptional({ example: 'Weighed on a calibrated scale; photo 2 shows the tape.', maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1_000) note?: string;
}

export const DISPUTE_FORM_SCHEMA = {
  type: 'object',
  required: ['photos', 'lengthCm', 'breadthCm', 'heightCm', 'weightGrams'],
  properties: {
    photos: { type: 'array', minItems: 1, maxItems: MAX_EVIDENCE_PHOTOS, items: { type: 'string', format: 'binary' }, description: `1-${MAX_EVIDENCE_PHOTOS} PNG, JPEG or WebP images, at most 5 MB each (repeat the field)` },
    lengthCm: { type: 'integer', minimum: 1, maximum: 1500 },
    breadthCm: { type: 'integer', minimum: 1, maximum: 1500 },
    heightCm: { type: 'integer', minimum: 1, maximum: 1500 },
    weightGrams: { type: 'integer', minimum: 1 },
    note: { type: 'string', maxLength: 1000 },
  },
};

export class ResolveWeightDiscrepancyDto {
  @ApiProperty({ enum: ['seller', 'courier'], description: 'seller: the declared weight stands (nothing extra to pay); courier: the courier’s weight stands' }) @IsIn(['seller', 'courier']) outcome!: 'seller' | 'courier';
  @ApiProperty({ example: 'Photos show 0.95 kg on the scale; the courier’s reading is not supported.', minLength: 1, maxLength: 1000 }) @IsString() @MinLength(1) @MaxLength(1_000) note!: string;
}

class DeclaredWeightsDto {
  @ApiProperty({ description: 'Declared dead weight of the packages' }) deadWeightGrams!: number;
  @ApiProperty({ description: 'From the declared box dimensions' }) volumetricWeightGrams!: number;
  @ApiProperty({ description: 'The weight the booking was priced on (slab-rounded)' }) chargeableWeightGrams!: number;
}

class CourierReportedDto {
  @ApiProperty() chargedWeightGrams!: number;
  @ApiProperty({ format: 'date-time', description: 'Event time of the scan that reported it' }) reportedAt!: string;
}

class EvidencePhotoDto {
  @ApiProperty({ description: 'Signed link; expires at photoLinksExpireAt' }) url!: string;
  @ApiProperty({ example: 'image/jpeg' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
}

class DisputeDto {
  @ApiProperty({ format: 'date-time' }) disputedAt!: string;
  @ApiProperty() lengthCm!: number;
  @ApiProperty() breadthCm!: number;
  @ApiProperty() heightCm!: number;
  @ApiProperty() weightGrams!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: [EvidencePhotoDto] }) photos!: EvidencePhotoDto[];
  @ApiProperty({ format: 'date-time' }) photoLinksExpireAt!: string;
}

class ResolutionDto {
  @ApiProperty({ enum: ['seller', 'courier'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) resolvedAt!: string;
}

export class WeightDiscrepancyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty() orderNumber!: string;
  @ApiProperty({ enum: COURIER_CODES }) courier!: string;
  @ApiProperty() awb!: string;
  @ApiProperty({ enum: DISCREPANCY_STATUSES }) status!: string;
  @ApiProperty({ type: DeclaredWeightsDto }) declared!: DeclaredWeightsDto;
  @ApiProperty({ type: CourierReportedDto }) courierReported!: CourierReportedDto;
  @ApiProperty({ description: 'Extra 500 g slabs the courier’s weight adds' }) extraSlabs!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Estimated extra freight in paise, before fuel surcharge and GST' }) extraChargePaise!: number | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Accept or dispute before this; afterwards it is auto-accepted' }) deadlineAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: DisputeDto, nullable: true }) dispute!: DisputeDto | null;
  @ApiProperty({ type: ResolutionDto, nullable: true }) resolution!: ResolutionDto | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WeightDiscrepancyPageDto extends PageMeta {
  @ApiProperty({ type: [WeightDiscrepancyDto] }) items!: WeightDiscrepancyDto[];
}
