import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { COURIERS } from '../../../contracts';

const COURIER_CODES = COURIERS.map((c) => c.code);

export class CourierServiceDto {
  @ApiProperty({ example: 'surface' }) code!: string;
  @ApiProperty({ example: 'Delhivery Surface' }) name!: string;
  @ApiProperty({ enum: ['surface', 'air'] }) mode!: string;
  @ApiProperty({ example: false, description: 'B2B freight (invoice, GSTIN, boxes) rather than parcels' }) b2b!: boolean;
  @ApiProperty({ example: 5000, description: 'cm³ per kg for volumetric weight' }) volumetricDivisor!: number;
}

export class CourierLimitsDto {
  @ApiProperty({ example: 50000 }) maxWeightGrams!: number;
  @ApiProperty({ example: 150, description: 'Longest side' }) maxLengthCm!: number;
  @ApiPropertyOptional({ example: 300, description: 'Length + 2 x (breadth + height), when the courier caps it' }) maxGirthCm?: number;
  @ApiProperty({ example: 5000000 }) maxCodPaise!: number;
  @ApiProperty({ example: 10, description: 'Boxes on one multi-piece booking' }) maxPieces!: number;
}

export class CourierCapabilitiesDto {
  @ApiProperty() cod!: boolean;
  @ApiProperty() reverse!: boolean;
  @ApiProperty({ description: 'One AWB per box under a master AWB' }) multiPiece!: boolean;
  @ApiProperty() b2b!: boolean;
  @ApiProperty({ description: 'Pickups are requested through the API' }) pickupApi!: boolean;
  @ApiProperty({ description: 'Cancel before pickup through the API' }) cancel!: boolean;
  @ApiProperty({ description: 'The courier pushes scans (else Shipcrowd polls)' }) webhookPush!: boolean;
  @ApiProperty() trackingPull!: boolean;
  @ApiProperty({ description: 'The courier quotes its own price through the API (POST /v1/couriers/{courier}/rate-quotes)' }) rateApi!: boolean;
  @ApiProperty({ description: 'The courier answers pincode-pair serviceability through the API (POST /v1/couriers/{courier}/serviceability-checks)' }) serviceabilityApi!: boolean;
  @ApiProperty({ description: 'Box weight and dimensions can be changed at the courier after booking, before pickup' }) packageUpdateApi!: boolean;
  @ApiProperty({ description: 'The courier renders its own label for a booked AWB' }) courierLabel!: boolean;
  @ApiProperty({ type: [String], enum: ['re_attempt', 'defer', 'edit_details', 'rto'] }) ndrActions!: string[];
  @ApiProperty({ type: CourierLimitsDto }) limits!: CourierLimitsDto;
  @ApiProperty({ type: [String], enum: ['fragile', 'liquid', 'dangerous_goods'], description: 'Goods the courier does not carry' }) refusedHandling!: string[];
  @ApiProperty() insurance!: boolean;
  @ApiProperty({ type: [String], enum: ['4x6', 'a4'] }) labelSizes!: string[];
}

export class CourierCatalogueEntryDto {
  @ApiProperty({ enum: COURIER_CODES }) code!: string;
  @ApiProperty({ example: 'Delhivery' }) name!: string;
  @ApiProperty({ description: 'An adapter exists: the courier can be booked and given credentials' }) integrated!: boolean;
  @ApiProperty({ type: [CourierServiceDto] }) services!: CourierServiceDto[];
  @ApiProperty({ type: CourierCapabilitiesDto, nullable: true, description: 'null until the courier is integrated' }) capabilities!: CourierCapabilitiesDto | null;
  @ApiProperty({ type: [String], example: ['token', 'webhookSecret'], description: 'What PUT /v1/courier-credentials/{courier} expects' }) credentialFields!: string[];
}

export class CourierCatalogueDto {
  @ApiProperty({ type: [CourierCatalogueEntryDto] }) items!: CourierCatalogueEntryDto[];
}

export class SetCourierCredentialsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { token: 'f3b1c0de9a7e4c21b2d8a6e5c4b3a291', webhookSecret: 'whsec_5c4b3a2918f7e6d5' },
    description: "Every field of the courier's credentialFields (GET /v1/couriers), as text; nothing else. Replaces what is stored.",
  })
  @IsObject()
  credentials!: Record<string, unknown>;
}

export class CredentialFieldDto {
  @ApiProperty({ example: 'token' }) name!: string;
  @ApiProperty() set!: boolean;
  @ApiProperty({ example: 'a291', nullable: true, type: String, description: 'Last four characters of values of 12 or more characters; the rest is never shown' }) lastFour!: string | null;
}

export class CourierCredentialsDto {
  @ApiProperty({ enum: COURIER_CODES }) courier!: string;
  @ApiProperty({ enum: ['company', 'platform'] }) owner!: string;
  @ApiProperty({ description: 'Credentials are stored' }) configured!: boolean;
  @ApiProperty({ type: [CredentialFieldDto] }) fields!: CredentialFieldDto[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updatedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) updatedBy!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "The company account's id (null for the platform's credentials, or when none are stored)" }) accountId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '/v1/courier-webhooks/delhivery/accounts/0193a4c2-7d1e-7c3a-9b8e-2f6d5c4b3a21',
    description: "Where the courier should push scans for these credentials: a company account's own address (authenticated with its webhook secret, moving only the company's shipments), or the platform's per-courier address. null when the courier pushes no webhooks or nothing is stored.",
  })
  webhookPath!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'https://api.shipcrowd.example/v1/courier-webhooks/delhivery/accounts/0193a4c2-7d1e-7c3a-9b8e-2f6d5c4b3a21', description: "webhookPath on this API's public address, to paste into the courier's panel" })
  webhookUrl!: string | null;
}

export class CourierHealthDto {
  @ApiProperty({ enum: COURIER_CODES }) courier!: string;
  @ApiProperty({ example: 'Delhivery' }) name!: string;
  @ApiProperty({ enum: ['closed', 'open', 'half_open'], description: 'closed = healthy, open = failing fast, half_open = probing' }) circuit!: string;
  @ApiProperty({ description: 'Calls this process made since it started' }) calls!: number;
  @ApiProperty({ description: 'Calls that failed (unavailable, refused credentials, unexpected answers); refusals of a request do not count' }) failures!: number;
  @ApiProperty({ example: { p50: 180.4, p95: 920.1 }, description: 'Over the recent calls of this process, ms (null before the first)' }) latencyMs!: { p50: number | null; p95: number | null };
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastFailureAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastFailure!: string | null;
  @ApiProperty({ enum: ['company', 'platform', 'sandbox', 'missing'], description: 'Which credentials calls use when a company has none of its own' }) credentials!: string;
  @ApiProperty({ enum: ['live', 'sandbox'] }) mode!: string;
}

export class CourierHealthListDto {
  @ApiProperty({ type: [CourierHealthDto] }) items!: CourierHealthDto[];
}
