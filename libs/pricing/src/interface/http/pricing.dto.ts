import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { PageMeta, PageQuery } from '@shipcrowd/platform';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---------- rate card terms ----------

export class ZonePriceDto {
  @ApiProperty({ example: 3000, description: 'First slab, paise' }) @IsInt() @Min(0) firstSlabPaise!: number;
  @ApiProperty({ example: 2800, description: 'Each additional slab, paise' }) @IsInt() @Min(0) additionalSlabPaise!: number;
}

export class ZonePricesDto {
  @ApiProperty({ type: ZonePriceDto, description: 'Same city' }) @ValidateNested() @Type(() => ZonePriceDto) A!: ZonePriceDto;
  @ApiProperty({ type: ZonePriceDto, description: 'Same state / region' }) @ValidateNested() @Type(() => ZonePriceDto) B!: ZonePriceDto;
  @ApiProperty({ type: ZonePriceDto, description: 'Metro to metro' }) @ValidateNested() @Type(() => ZonePriceDto) C!: ZonePriceDto;
  @ApiProperty({ type: ZonePriceDto, description: 'Rest of India' }) @ValidateNested() @Type(() => ZonePriceDto) D!: ZonePriceDto;
  @ApiProperty({ type: ZonePriceDto, description: 'Special (North-East, J&K, islands)' }) @ValidateNested() @Type(() => ZonePriceDto) E!: ZonePriceDto;
}

export class CodChargeDto {
  @ApiProperty({ example: 3500, description: 'Minimum COD fee, paise' }) @IsInt() @Min(0) fixedPaise!: number;
  @ApiProperty({ example: 175, description: 'Percent of the COD amount in basis points (175 = 1.75%); the fee is the larger of the two' }) @IsInt() @Min(0) @Max(10000) percentBp!: number;
}

export class FuelSurchargeDto {
  @ApiProperty({ example: '2026-01-01', description: 'First day (Indian date), inclusive' }) @IsString() @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) from!: string;
  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'Day it stops (exclusive); null = open-ended' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  to?: string | null;
  @ApiProperty({ example: 1200, description: 'Basis points of freight (1200 = 12%)' }) @IsInt() @Min(0) @Max(10000) percentBp!: number;
}

export class SeasonalAdjustmentDto {
  @ApiProperty({ example: 'Diwali peak' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ example: '2026-10-15' }) @IsString() @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) from!: string;
  @ApiPropertyOptional({ example: '2026-11-05', nullable: true, type: String }) @IsOptional() @IsString() @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) to?: string | null;
  @ApiProperty({ enum: ['percent', 'fixed'], example: 'percent' }) @IsIn(['percent', 'fixed']) kind!: 'percent' | 'fixed';
  @ApiProperty({ example: 500, description: 'percent: basis points of freight (negative = discount); fixed: paise per shipment' }) @IsInt() value!: number;
}

export class RateCardTermsDto {
  @ApiPropertyOptional({ example: 500, default: 500, description: 'Weight slab in grams' }) @IsOptional() @IsInt() @Min(50) @Max(100000) slabGrams?: number;
  @ApiProperty({ type: ZonePricesDto }) @ValidateNested() @Type(() => ZonePricesDto) zones!: ZonePricesDto;
  @ApiProperty({ type: CodChargeDto }) @ValidateNested() @Type(() => CodChargeDto) cod!: CodChargeDto;
  @ApiPropertyOptional({ type: [FuelSurchargeDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => FuelSurchargeDto) fuelSurcharges?: FuelSurchargeDto[];
  @ApiPropertyOptional({ example: 10000, default: 10000, description: 'RTO charge as basis points of forward freight (10000 = 100%)' }) @IsOptional() @IsInt() @Min(0) @Max(30000) rtoPercentBp?: number;
  @ApiPropertyOptional({ type: [SeasonalAdjustmentDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SeasonalAdjustmentDto) seasonal?: SeasonalAdjustmentDto[];
  @ApiPropertyOptional({ example: 4000, default: 0, description: 'ODA surcharge, paise' }) @IsOptional() @IsInt() @Min(0) odaFeePaise?: number;
  @ApiPropertyOptional({ example: 1800, default: 1800, description: 'GST rate, basis points' }) @IsOptional() @IsInt() @Min(0) @Max(2800) gstRateBp?: number;
}

export class CreateRateCardDto {
  @ApiProperty({ enum: ['base', 'b2b', 'vip', 'company'], example: 'company' }) @IsIn(['base', 'b2b', 'vip', 'company']) scope!: 'base' | 'b2b' | 'vip' | 'company';
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for company cards' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiProperty({ example: 'delhivery' }) @IsString() @MaxLength(50) courier!: string;
  @ApiProperty({ example: 'surface' }) @IsString() @MaxLength(50) service!: string;
  @ApiPropertyOptional({ example: 'Delhivery Surface - Acme negotiated' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+05:30', description: 'Default: now (activates as soon as approved)' }) @IsOptional() @IsISO8601() effectiveFrom?: string;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) @IsOptional() @IsISO8601() effectiveTo?: string | null;
  @ApiPropertyOptional({ example: 'Negotiated Q2 rates' }) @IsOptional() @IsString() @MaxLength(1000) notes?: string;
  @ApiProperty({ type: RateCardTermsDto }) @ValidateNested() @Type(() => RateCardTermsDto) terms!: RateCardTermsDto;
}

export class RateCardVersionChangesDto {
  @ApiPropertyOptional({ type: RateCardTermsDto, description: 'Replaces the terms (omit to keep them)' }) @IsOptional() @ValidateNested() @Type(() => RateCardTermsDto) terms?: RateCardTermsDto;
  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+05:30', nullable: true, type: String }) @IsOptional() @IsISO8601() effectiveFrom?: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) @IsOptional() @IsISO8601() effectiveTo?: string | null;
  @ApiPropertyOptional({ example: 'Fuel up 1%' }) @IsOptional() @IsString() @MaxLength(1000) notes?: string;
}

export class RejectRateCardDto {
  @ApiProperty({ example: 'Zone E first slab looks like a typo (Rs 6.50)', minLength: 3, maxLength: 500 }) @IsString() @MinLength(3) @MaxLength(500) reason!: string;
}

export class RetireRateCardDto {
  @ApiPropertyOptional({ example: 'Contract ended', maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class ListRateCardsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ['base', 'b2b', 'vip', 'company'] }) @IsOptional() @IsIn(['base', 'b2b', 'vip', 'company']) scope?: 'base' | 'b2b' | 'vip' | 'company';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiPropertyOptional({ example: 'delhivery' }) @IsOptional() @IsString() @MaxLength(50) courier?: string;
  @ApiPropertyOptional({ example: 'surface' }) @IsOptional() @IsString() @MaxLength(50) service?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Include retired cards' }) @IsOptional() @IsIn(['true', 'false']) includeRetired?: 'true' | 'false';
}

// ---------- rate card responses ----------

export class RateCardVersionDto {
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ enum: ['draft', 'pending_approval', 'approved', 'active', 'rejected', 'retired'] }) status!: string;
  @ApiProperty() effectiveFrom!: Date;
  @ApiProperty({ nullable: true, type: Date }) effectiveTo!: Date | null;
  @ApiProperty({ type: RateCardTermsDto }) terms!: RateCardTermsDto;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) submittedBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) submittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) reviewedBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) reviewedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) rejectReason!: string | null;
  @ApiProperty({ nullable: true, type: Date }) activatedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) retiredAt!: Date | null;
}

export class RateCardDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['base', 'b2b', 'vip', 'company'] }) scope!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) companyId!: string | null;
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ example: 'surface' }) service!: string;
  @ApiProperty({ example: 'Delhivery Surface (platform base)' }) name!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) retiredAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) retiredReason!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 1 }) activeVersion!: number | null;
  @ApiProperty({ type: [RateCardVersionDto], description: 'Full history, newest first' }) versions!: RateCardVersionDto[];
}

export class RateCardListDto extends PageMeta {
  @ApiProperty({ type: [RateCardDto] }) items!: RateCardDto[];
}

export class RateCardVersionListDto {
  @ApiProperty({ type: [RateCardVersionDto] }) items!: RateCardVersionDto[];
}

export class ApplicableRateCardDto {
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ example: 'surface' }) service!: string;
  @ApiProperty({ example: 'Delhivery Surface' }) serviceName!: string;
  @ApiProperty({ example: false, description: 'This card prices B2B shipments' }) b2b!: boolean;
  @ApiProperty({ format: 'uuid' }) rateCardId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['base', 'b2b', 'vip', 'company'] }) scope!: string;
  @ApiProperty({ example: 'platform base card' }) reason!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty() effectiveFrom!: Date;
  @ApiProperty({ nullable: true, type: Date }) effectiveTo!: Date | null;
  @ApiProperty({ type: RateCardTermsDto }) terms!: RateCardTermsDto;
}

export class ApplicableRateCardsDto {
  @ApiProperty({ enum: ['standard', 'vip'] }) tier!: string;
  @ApiProperty({ type: [ApplicableRateCardDto] }) items!: ApplicableRateCardDto[];
}

// ---------- tiers, preferences, performance ----------

export class PricingTierDto {
  @ApiProperty({ enum: ['standard', 'vip'], example: 'vip' }) @IsIn(['standard', 'vip']) tier!: 'standard' | 'vip';
}

export class CompanyPricingTierDto {
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ enum: ['standard', 'vip'] }) tier!: string;
}

export class QuotePreferencesDto {
  @ApiProperty({ example: 0.7, minimum: 0, maximum: 1 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) cost!: number;
  @ApiProperty({ example: 0.3, minimum: 0, maximum: 1 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) speed!: number;
  @ApiProperty({ example: 0, minimum: 0, maximum: 1 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) performance!: number;
}

export class QuotePreferencesViewDto extends QuotePreferencesDto {
  @ApiProperty({ example: true, description: 'The company has not set its own weights' }) isDefault!: boolean;
}

export class CourierPerformanceInputDto {
  @ApiProperty({ example: 0.92, minimum: 0, maximum: 1 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) score!: number;
}

export class CourierPerformanceDto {
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ example: 'Delhivery' }) name!: string;
  @ApiProperty({ example: 0.8 }) score!: number;
  @ApiProperty({ example: false, description: 'false = the neutral default (0.8)' }) measured!: boolean;
  @ApiProperty({ nullable: true, type: Date }) updatedAt!: Date | null;
}

export class CourierPerformanceListDto {
  @ApiProperty({ type: [CourierPerformanceDto] }) items!: CourierPerformanceDto[];
}

// ---------- quotes ----------

export class DimensionsDto {
  @ApiProperty({ example: 30, description: 'cm' }) @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }) @Min(0.1) @Max(1500) length!: number;
  @ApiProperty({ example: 20, description: 'cm' }) @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }) @Min(0.1) @Max(1500) breadth!: number;
  @ApiProperty({ example: 10, description: 'cm' }) @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }) @Min(0.1) @Max(1500) height!: number;
}

export class QuoteRequestDto {
  @ApiProperty({ example: '110001' }) @IsString() @Matches(/^[1-9][0-9]{5}$/, { message: 'must be a 6-digit Indian pincode' }) originPincode!: string;
  @ApiProperty({ example: '400001' }) @IsString() @Matches(/^[1-9][0-9]{5}$/, { message: 'must be a 6-digit Indian pincode' }) destinationPincode!: string;
  @ApiProperty({ enum: ['prepaid', 'cod'], example: 'cod' }) @IsIn(['prepaid', 'cod']) paymentMode!: 'prepaid' | 'cod';
  @ApiPropertyOptional({ example: 149900, description: 'Required for COD, paise' }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000_000) codAmountPaise?: number;
  @ApiProperty({ example: 1200, description: 'Dead weight, grams' }) @IsInt() @Min(1) @Max(5_000_000) weightGrams!: number;
  @ApiPropertyOptional({ type: DimensionsDto }) @IsOptional() @ValidateNested() @Type(() => DimensionsDto) dimensionsCm?: DimensionsDto;
  @ApiPropertyOptional({ example: 149900, description: 'Declared value of the goods, paise. Checked and part of the quote, but no line of today\'s rate cards depends on it (they have no value-based or insurance charge)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  declaredValuePaise?: number;
  @ApiPropertyOptional({ example: false, description: 'B2B shipment: B2B cards apply' }) @IsOptional() @IsBoolean() b2b?: boolean;
  @ApiPropertyOptional({ example: ['delhivery', 'xpressbees'], type: [String], description: 'Only these couriers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  couriers?: string[];
}

export class QuoteLineDto {
  @ApiProperty({ enum: ['freight', 'additional_weight', 'cod_fee', 'fuel_surcharge', 'seasonal', 'oda', 'cgst', 'sgst', 'igst'] }) code!: string;
  @ApiProperty({ example: 'Freight, zone C, first 0.5 kg' }) label!: string;
  @ApiProperty({ example: 4000 }) amountPaise!: number;
}

export class QuoteOptionDto {
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ example: 'surface' }) service!: string;
  @ApiPropertyOptional({ example: 'Delhivery' }) courierName?: string;
  @ApiPropertyOptional({ example: 'Delhivery Surface' }) serviceName?: string;
  @ApiProperty({ format: 'uuid' }) rateCardId!: string;
  @ApiProperty({ example: 1 }) rateCardVersion!: number;
  @ApiPropertyOptional({ enum: ['base', 'b2b', 'vip', 'company'] }) rateCardScope?: string;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'] }) zone!: string;
  @ApiPropertyOptional({ example: false }) oda?: boolean;
  @ApiProperty({ example: 1500 }) chargeableWeightGrams!: number;
  @ApiProperty({ example: 1200 }) volumetricWeightGrams!: number;
  @ApiProperty({ nullable: true, type: Number, example: 3 }) expectedDeliveryDays!: number | null;
  @ApiProperty({ type: [QuoteLineDto] }) lines!: QuoteLineDto[];
  @ApiProperty({ example: 16492 }) subtotalPaise!: number;
  @ApiProperty({ example: 2969 }) gstPaise!: number;
  @ApiProperty({ example: 19461, description: 'Sum of the lines' }) totalPaise!: number;
  @ApiProperty({ example: 15331, description: 'RTO charge if it comes back, GST included' }) rtoChargePaise!: number;
  @ApiProperty({ example: 0.91 }) score!: number;
}

export class RecommendationDto {
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ example: 'surface' }) service!: string;
  @ApiProperty({ example: 'cheapest by Rs 12.40 and 1 day slower than the fastest; score 0.91 with weights cost 0.7, speed 0.3' }) reason!: string;
}

export class UnserviceableDto {
  @ApiProperty() courier!: string;
  @ApiProperty() service!: string;
  @ApiProperty({ example: 'cod_unavailable' }) code!: string;
  @ApiProperty() reason!: string;
}

export class QuoteGstDto {
  @ApiProperty({ enum: ['intra_state', 'inter_state'] }) treatment!: string;
  @ApiProperty({ example: '29' }) supplierStateCode!: string;
  @ApiProperty({ example: '27' }) recipientStateCode!: string;
  @ApiProperty({ enum: ['billing', 'origin_pincode'] }) recipientSource!: string;
}

export class QuoteDto {
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'] }) zone!: string;
  @ApiProperty({ example: 'Metro to metro: Delhi NCR to Mumbai' }) zoneReason!: string;
  @ApiProperty({ type: [QuoteOptionDto], description: 'Cheapest first' }) options!: QuoteOptionDto[];
  @ApiProperty({ type: RecommendationDto, nullable: true }) recommended!: RecommendationDto | null;
  @ApiProperty({ type: [UnserviceableDto] }) unserviceable!: UnserviceableDto[];
  @ApiPropertyOptional({ type: QuotePreferencesDto }) weights?: QuotePreferencesDto;
  @ApiPropertyOptional({ type: QuoteGstDto }) gst?: QuoteGstDto;
}
