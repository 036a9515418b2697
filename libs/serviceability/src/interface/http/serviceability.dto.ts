import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageMeta, PageQuery } from '@shipcrowd/platform';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);
const ZONE_VALUES = ['A', 'B', 'C', 'D', 'E'];

export class ServiceabilityQueryDto {
  @ApiProperty({ example: '110001', description: 'Pickup pincode (for a reverse pickup: the buyer)' }) @IsString() @MaxLength(10) origin!: string;
  @ApiProperty({ example: '400001', description: 'Delivery pincode' }) @IsString() @MaxLength(10) destination!: string;
  @ApiProperty({ enum: ['prepaid', 'cod'] }) @IsIn(['prepaid', 'cod']) paymentMode!: 'prepaid' | 'cod';
  @ApiPropertyOptional({ example: 1200, description: 'Checked against each lane’s max weight' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000_000) weightGrams?: number;
  @ApiPropertyOptional({ example: 150000, description: 'COD value in paise, checked against each lane’s max COD' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000_000) codAmountPaise?: number;
  @ApiPropertyOptional({ description: 'Reverse pickup (buyer → seller): needs reverse pickup at the origin' }) @IsOptional() @Transform(toBool) @IsBoolean() reverse?: boolean;
  @ApiPropertyOptional({ description: 'true = only B2B freight services, false = only parcel services; omitted = both' }) @IsOptional() @Transform(toBool) @IsBoolean() b2b?: boolean;
}

export class ServiceableOptionDto {
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ example: 'surface' }) service!: string;
  @ApiProperty({ description: 'Out of the regular delivery area: an ODA surcharge may apply' }) oda!: boolean;
  @ApiProperty({ enum: ZONE_VALUES }) zone!: string;
  @ApiProperty({ nullable: true, type: Number, example: 4 }) transitDays!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 30000 }) maxWeightGrams!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 5000000 }) maxCodPaise!: number | null;
}

export class UnserviceableOptionDto {
  @ApiProperty({ example: 'intargos' }) courier!: string;
  @ApiProperty({ example: 'surface' }) service!: string;
  @ApiProperty({
    enum: ['origin_not_covered', 'destination_not_covered', 'pickup_unavailable', 'reverse_unavailable', 'prepaid_unavailable', 'cod_unavailable', 'over_max_weight', 'over_max_cod', 'blocked_by_company'],
  })
  code!: string;
  @ApiProperty({ example: 'intargos surface does not deliver to 795001' }) reason!: string;
}

export class ServiceabilityAnswerDto {
  @ApiProperty({ enum: ZONE_VALUES }) zone!: string;
  @ApiProperty({ example: 'Metro to metro' }) zoneReason!: string;
  @ApiProperty({ type: [ServiceableOptionDto] }) options!: ServiceableOptionDto[];
  @ApiProperty({ type: [UnserviceableOptionDto] }) unserviceable!: UnserviceableOptionDto[];
}

// ---- blocklist ----
export class BlocklistEntryDto {
  @ApiProperty({ example: '110001' }) @IsString() @MaxLength(10) pincode!: string;
  @ApiPropertyOptional({ type: String, example: 'delhivery', nullable: true, description: 'Only this courier; omitted = every courier' }) @IsOptional() @IsString() @MaxLength(40) courier?: string | null;
  @ApiPropertyOptional({ type: String, example: 'High RTO rate', nullable: true }) @IsOptional() @IsString() @MaxLength(200) reason?: string | null;
}

export class AddBlocklistDto {
  @ApiProperty({ type: [BlocklistEntryDto], minItems: 1, maxItems: 1000 }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => BlocklistEntryDto) entries!: BlocklistEntryDto[];
}

export class RemoveBlocklistDto {
  @ApiProperty({ type: [String], example: ['110001'], minItems: 1, maxItems: 1000 }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) pincodes!: string[];
  @ApiPropertyOptional({ nullable: true, description: 'A courier: remove only its entries; null: only the every-courier entries; omitted: all entries of the pincodes' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  courier?: string | null;
}

export class BlocklistQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: '110001' }) @IsOptional() @IsString() @Length(6, 6) pincode?: string;
}

export class BlockDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '110001' }) pincode!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) courier!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'High RTO rate' }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
}

export class BlockPageDto extends PageMeta {
  @ApiProperty({ type: [BlockDto] }) items!: BlockDto[];
}

export class BlocklistAddedDto {
  @ApiProperty({ type: [BlockDto] }) added!: BlockDto[];
  @ApiProperty({ description: 'Entries that were already on the list' }) alreadyBlocked!: number;
}

export class BlocklistRemovedDto {
  @ApiProperty() removed!: number;
}

// ---- transit times ----
export class TransitDaysDto {
  @ApiProperty({ nullable: true, type: Number }) A!: number | null;
  @ApiProperty({ nullable: true, type: Number }) B!: number | null;
  @ApiProperty({ nullable: true, type: Number }) C!: number | null;
  @ApiProperty({ nullable: true, type: Number }) D!: number | null;
  @ApiProperty({ nullable: true, type: Number }) E!: number | null;
}

export class TransitMatrixRowDto {
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ example: 'Delhivery' }) courierName!: string;
  @ApiProperty({ example: 'surface' }) service!: string;
  @ApiProperty({ example: 'Delhivery Surface' }) serviceName!: string;
  @ApiProperty({ type: TransitDaysDto }) days!: TransitDaysDto;
  @ApiProperty({ nullable: true, type: String }) updatedAt!: string | null;
}

export class TransitMatrixDto {
  @ApiProperty({ type: [TransitMatrixRowDto] }) items!: TransitMatrixRowDto[];
}

export class TransitTimeEntryDto {
  @ApiProperty({ example: 'delhivery' }) @IsString() @MaxLength(40) courier!: string;
  @ApiProperty({ example: 'surface' }) @IsString() @MaxLength(40) service!: string;
  @ApiProperty({ enum: ZONE_VALUES }) @IsIn(ZONE_VALUES) zone!: 'A' | 'B' | 'C' | 'D' | 'E';
  @ApiProperty({ example: 3, minimum: 0, maximum: 60 }) @IsInt() @Min(0) @Max(60) days!: number;
}

export class SetTransitTimesDto {
  @ApiProperty({ type: [TransitTimeEntryDto], minItems: 1, maxItems: 500 }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => TransitTimeEntryDto) entries!: TransitTimeEntryDto[];
}

// ---- uploads, syncs, report ----
export class RowErrorDto {
  @ApiProperty({ example: 2, description: 'Row in the file (the header is row 1; 0 = the file as a whole)' }) row!: number;
  @ApiProperty({ example: 'pincode' }) field!: string;
  @ApiProperty({ example: 'must be 6 digits, the first 1-9' }) message!: string;
}

export class LaneDto {
  @ApiProperty() courier!: string;
  @ApiProperty() service!: string;
}

export class CoverageUploadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['merge', 'replace'] }) mode!: string;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
  @ApiProperty({ enum: ['queued', 'processing', 'completed', 'failed'] }) status!: string;
  @ApiProperty() processedRows!: number;
  @ApiProperty() added!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() removed!: number;
  @ApiProperty({ description: 'All errors found; `errors` lists the first 1,000' }) errorCount!: number;
  @ApiProperty({ type: [RowErrorDto] }) errors!: RowErrorDto[];
  @ApiProperty({ type: [LaneDto], description: 'Couriers/services the applied file touched' }) lanes!: LaneDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

export class UploadQueryDto {
  @ApiPropertyOptional({ enum: ['merge', 'replace'], default: 'merge', description: 'replace swaps the whole coverage of the couriers/services in the file' }) @IsOptional() @IsIn(['merge', 'replace']) mode?: 'merge' | 'replace';
}

export class StartSyncDto {
  @ApiProperty({ example: 'delhivery' }) @IsString() @MaxLength(40) courier!: string;
}

export class SyncRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ enum: ['schedule', 'manual'] }) trigger!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status!: string;
  @ApiProperty({ description: 'Lanes in the courier’s list' }) fetched!: number;
  @ApiProperty() added!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() removed!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) requestedBy!: string | null;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

export class SyncRunPageDto extends PageMeta {
  @ApiProperty({ type: [SyncRunDto] }) items!: SyncRunDto[];
}

export class SyncRunsQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'delhivery' }) @IsOptional() @IsString() @MaxLength(40) courier?: string;
}

export class CoverageReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class CoverageShareDto {
  @ApiProperty() pincodes!: number;
  @ApiProperty() prepaid!: number;
  @ApiProperty() cod!: number;
  @ApiProperty() pickup!: number;
  @ApiProperty({ example: 0.8731 }) prepaidShare!: number;
  @ApiProperty() codShare!: number;
  @ApiProperty() pickupShare!: number;
}

export class StateCoverageDto extends CoverageShareDto {
  @ApiProperty({ example: '27' }) gstStateCode!: string;
}

export class CourierCoverageDto {
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ example: 'Delhivery' }) name!: string;
  @ApiProperty({ type: CoverageShareDto }) overall!: CoverageShareDto;
  @ApiProperty({ type: [StateCoverageDto] }) states!: StateCoverageDto[];
}

export class CoverageReportDto {
  @ApiProperty({ example: 19238 }) directoryPincodes!: number;
  @ApiProperty({ type: [CourierCoverageDto] }) couriers!: CourierCoverageDto[];
}
