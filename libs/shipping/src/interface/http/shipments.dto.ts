import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { COURIERS, SHIPMENT_STATUSES } from '@shipcrowd/couriers/contracts';
import { PageMeta, PageQuery } from '@shipcrowd/platform';

const COURIER_CODES = COURIERS.map((c) => c.code);
const STATES = [...SHIPMENT_STATUSES, 'booking', 'booking_failed'];
const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class BookShipmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() orderId!: string;
  @ApiPropertyOptional({ enum: COURIER_CODES, description: 'Book with this courier; else the routing rule preference, else the quote’s recommendation' })
  @IsOptional()
  @IsIn(COURIER_CODES)
  courier?: string;
  @ApiPropertyOptional({ example: 'surface', description: 'Service of the chosen courier; the best-scoring one when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  service?: string;
}

export class ShipmentPackageDto {
  @ApiProperty({ example: 900, minimum: 1, maximum: 1_000_000 }) @IsInt() @Min(1) @Max(1_000_000) weightGrams!: number;
  @ApiProperty({ example: 30, minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) lengthCm!: number;
  @ApiProperty({ example: 20, minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) breadthCm!: number;
  @ApiProperty({ example: 10, minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) heightCm!: number;
}

export class UpdateShipmentPackagesDto {
  @ApiProperty({ type: [ShipmentPackageDto], description: 'Every box as it will be handed over (1-50)' })
  @ValidateNested({ each: true })
  @Type(() => ShipmentPackageDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  packages!: ShipmentPackageDto[];
}

export class CancelShipmentDto {
  @ApiProperty({ example: 'Buyer changed the address', minLength: 1, maxLength: 500 }) @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

export class ListShipmentsQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${STATES.join(', ')}` }) @IsOptional() @Transform(list) @IsIn(STATES, { each: true }) status?: string[];
  @ApiPropertyOptional({ enum: COURIER_CODES }) @IsOptional() @IsIn(COURIER_CODES) courier?: string;
  @ApiPropertyOptional({ description: 'AWB, order number or reference (exact)' }) @IsOptional() @IsString() @MaxLength(60) q?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Created before (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
}

export class AwbParamDto {
  @ApiProperty({ example: '1490000012345' }) @Matches(/^[A-Za-z0-9-]{6,30}$/) awb!: string;
}

export class BookedShipmentDto {
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty({ example: '1490000012345' }) awb!: string;
  @ApiProperty({ example: 'delhivery' }) courier!: string;
  @ApiProperty({ example: 'surface' }) service!: string;
  @ApiProperty({ example: 'recommended: cheapest and fastest on this lane' }) reason!: string;
}

export class ShipmentChargeLineDto {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'Paise' }) amountPaise!: number;
}

export class ShipmentChargesDto {
  @ApiProperty() totalPaise!: number;
  @ApiProperty() rtoChargePaise!: number;
  @ApiProperty({ type: [ShipmentChargeLineDto] }) lines!: ShipmentChargeLineDto[];
  @ApiProperty({ example: 'C' }) zone!: string;
  @ApiProperty({ description: 'Why this courier was chosen' }) selection!: string;
}

export class ShipmentSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty() orderNumber!: string;
  @ApiProperty({ description: 'Sent to the courier as its order reference' }) reference!: string;
  @ApiProperty({ enum: COURIER_CODES }) courier!: string;
  @ApiProperty() service!: string;
  @ApiProperty({ type: String, nullable: true }) awb!: string | null;
  @ApiProperty({ type: [String] }) childAwbs!: string[];
  @ApiProperty({ enum: STATES }) status!: string;
  @ApiProperty({ format: 'date-time' }) statusAt!: string;
  @ApiProperty({ enum: ['prepaid', 'cod'] }) paymentMode!: string;
  @ApiProperty() codAmountPaise!: number;
  @ApiProperty() chargeableWeightGrams!: number;
  @ApiProperty({ type: ShipmentChargesDto, nullable: true }) charges!: ShipmentChargesDto | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-25' }) expectedDeliveryDate!: string | null;
  @ApiProperty({ type: Object, nullable: true, description: 'Why a booking failed: { code, message }' }) failure!: { code: string; message: string } | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ShipmentPageDto extends PageMeta {
  @ApiProperty({ type: [ShipmentSummaryDto] }) items!: ShipmentSummaryDto[];
}

export class TimelineEntryDto {
  @ApiProperty({ enum: SHIPMENT_STATUSES }) status!: string;
  @ApiProperty({ description: 'The courier’s own status code' }) rawCode!: string;
  @ApiProperty({ description: 'The courier’s own status text' }) rawStatus!: string;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: String, nullable: true }) remarks!: string | null;
  @ApiProperty({ type: String, nullable: true }) ndrReason!: string | null;
  @ApiProperty({ type: Number, nullable: true }) chargedWeightGrams!: number | null;
  @ApiProperty({ enum: ['webhook', 'poll', 'system'] }) source!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class ShipmentDto extends ShipmentSummaryDto {
  @ApiProperty() deadWeightGrams!: number;
  @ApiProperty() volumetricWeightGrams!: number;
  @ApiProperty() declaredValuePaise!: number;
  @ApiProperty({ type: String, nullable: true }) sortCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ type: Object, description: 'The booking as sent to the courier: consignee, pickup, packages, items' }) booking!: Record<string, unknown>;
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty() version!: number;
}

export class UpdatedShipmentPackagesDto extends ShipmentDto {
  @ApiProperty({ description: 'Whether the courier was sent the new boxes and accepted them (couriers that take box changes through their API)' }) courierUpdated!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why the courier was not sent the new boxes (null when it was)', example: 'Xpressbees takes no box changes through its API: …' })
  courierUpdateReason!: string | null;
}

export class TrackingDto {
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty() awb!: string;
  @ApiProperty({ enum: STATES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) expectedDeliveryDate!: string | null;
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
}

export class PublicScanDto {
  @ApiProperty() status!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class PublicTrackingDto {
  @ApiProperty() awb!: string;
  @ApiProperty() courierName!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time' }) statusAt!: string;
  @ApiProperty({ type: String, nullable: true }) expectedDeliveryDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) destinationCity!: string | null;
  @ApiProperty({ type: [PublicScanDto] }) timeline!: PublicScanDto[];
}

export class WebhookAcceptedDto {
  @ApiProperty({ description: 'Scans accepted for processing (a repeated body is accepted again and recorded once)' }) accepted!: number;
}
