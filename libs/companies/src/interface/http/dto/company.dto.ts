import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { GST_STATE_CODES } from '../../../domain/gst';

const STATE_CODES = Object.keys(GST_STATE_CODES);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class AddressDto {
  @ApiProperty({ example: '4th Floor, Prestige Tower, 12 MG Road' }) @IsString() @Length(1, 200) line1!: string;
  @ApiPropertyOptional({ example: 'Ashok Nagar', nullable: true, type: String }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) line2?: string | null;
  @ApiProperty({ example: 'Bengaluru' }) @IsString() @Length(1, 100) city!: string;
  @ApiProperty({ example: '560001', description: '6 digits, not starting with 0' }) @IsString() @Matches(/^[1-9][0-9]{5}$/, { message: 'pincode must be 6 digits, not starting with 0' }) pincode!: string;
  @ApiProperty({ example: '29', enum: STATE_CODES, description: 'GST state code' }) @IsString() @IsIn(STATE_CODES) stateCode!: string;
}

export class UpdateCompanyProfileDto {
  @ApiPropertyOptional({ example: 'Chai Point Retail' }) @IsOptional() @Transform(trim) @IsString() @Length(1, 120) name?: string;
  @ApiPropertyOptional({ example: 'Chai Point', nullable: true, type: String }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 120) displayName?: string | null;
  @ApiPropertyOptional({ example: 'https://chaipoint.example.in', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(300)
  website?: string | null;
  @ApiPropertyOptional({ example: 'support@chaipoint.example.in', nullable: true, type: String }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsEmail() @MaxLength(254) supportEmail?: string | null;
  @ApiPropertyOptional({ example: '+919876543210', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\+?[0-9]{10,15}$/, { message: 'supportPhone must be 10-15 digits, optionally starting with +' })
  supportPhone?: string | null;
  @ApiPropertyOptional({ type: AddressDto, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @ValidateNested() @Type(() => AddressDto) address?: AddressDto | null;
  @ApiPropertyOptional({ example: 3, description: 'The version you edited; a stale one gets 409 concurrency.stale_version' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class BillingDetailsDto {
  @ApiProperty({ example: 'Chai Point Retail Private Limited' }) @Transform(trim) @IsString() @Length(1, 200) legalName!: string;
  @ApiPropertyOptional({ example: '29AAFCC9980M1ZR', nullable: true, type: String, description: 'Optional; checked for format, state code and check character' })
  @IsOptional()
  @Transform(upper)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(15)
  gstin?: string | null;
  @ApiProperty({ example: 'AAFCC9980M' }) @Transform(upper) @IsString() @Matches(/^[A-Z]{5}[0-9]{4}[A-Z]$/, { message: 'pan must look like AAAAA9999A' }) pan!: string;
  @ApiProperty({ example: '4th Floor, Prestige Tower, 12 MG Road' }) @IsString() @Length(1, 200) addressLine1!: string;
  @ApiPropertyOptional({ example: 'Ashok Nagar', nullable: true, type: String }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) addressLine2?: string | null;
  @ApiProperty({ example: 'Bengaluru' }) @IsString() @Length(1, 100) city!: string;
  @ApiProperty({ example: '560001' }) @IsString() @Matches(/^[1-9][0-9]{5}$/, { message: 'pincode must be 6 digits, not starting with 0' }) pincode!: string;
  @ApiProperty({ example: '29', enum: STATE_CODES }) @IsString() @IsIn(STATE_CODES) stateCode!: string;
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class BrandingDto {
  @ApiProperty({ example: '#1A73E8', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @Matches(/^#[0-9A-Fa-f]{6}$/, { message: 'primaryColor must be #RRGGBB' }) primaryColor!: string | null;
  @ApiProperty({ example: '#FFB300', nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @Matches(/^#[0-9A-Fa-f]{6}$/, { message: 'secondaryColor must be #RRGGBB' }) secondaryColor!: string | null;
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class ScheduleDeletionDto {
  @ApiProperty({ example: 'Chai Point Retail', description: 'The company name, typed exactly' }) @IsString() @MinLength(1) @MaxLength(120) confirmName!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'GSTIN does not match the uploaded registration certificate' }) @Transform(trim) @IsString() @Length(3, 1000) reason!: string;
}

// ---- responses ----

export class AddressViewDto extends AddressDto {
  @ApiProperty({ example: 'Karnataka' }) stateName!: string;
}

export class BillingViewDto {
  @ApiProperty({ example: 'Chai Point Retail Private Limited' }) legalName!: string;
  @ApiProperty({ example: '29AAFCC9980M1ZR', nullable: true, type: String }) gstin!: string | null;
  @ApiProperty({ example: 'AAFCC9980M' }) pan!: string;
  @ApiProperty({ example: '4th Floor, Prestige Tower, 12 MG Road' }) addressLine1!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) addressLine2!: string | null;
  @ApiProperty({ example: 'Bengaluru' }) city!: string;
  @ApiProperty({ example: '560001' }) pincode!: string;
  @ApiProperty({ example: '29' }) stateCode!: string;
  @ApiProperty({ example: 'Karnataka' }) stateName!: string;
}

export class BrandingViewDto {
  @ApiProperty({ example: '#1A73E8', nullable: true, type: String }) primaryColor!: string | null;
  @ApiProperty({ example: '#FFB300', nullable: true, type: String }) secondaryColor!: string | null;
  @ApiProperty({ example: 'https://api.shipcrowd.dev/v1/files/companies/0190…/logo/0190….png?expires=1767225600&sig=9f2c…', nullable: true, type: String, description: 'Signed link; expires at logoUrlExpiresAt' })
  logoUrl!: string | null;
  @ApiProperty({ example: '2026-01-01T00:00:00.000Z', nullable: true, type: String }) logoUrlExpiresAt!: string | null;
}

export class CompanyDto {
  @ApiProperty({ example: '0190f5c2-7f3a-7c3e-9d2b-5a1e2f3b4c5d' }) id!: string;
  @ApiProperty({ example: 'Chai Point Retail' }) name!: string;
  @ApiProperty({ example: 'Chai Point', nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ example: 'https://chaipoint.example.in', nullable: true, type: String }) website!: string | null;
  @ApiProperty({ example: 'support@chaipoint.example.in', nullable: true, type: String }) supportEmail!: string | null;
  @ApiProperty({ example: '+919876543210', nullable: true, type: String }) supportPhone!: string | null;
  @ApiProperty({ type: AddressViewDto, nullable: true }) address!: AddressViewDto | null;
  @ApiProperty({ type: BillingViewDto, nullable: true }) billing!: BillingViewDto | null;
  @ApiProperty({ type: BrandingViewDto }) branding!: BrandingViewDto;
  @ApiProperty({ example: 'pending_kyc', enum: ['pending_kyc', 'kyc_submitted', 'approved', 'rejected', 'suspended'] }) status!: string;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'Why it was rejected or suspended' }) statusReason!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) kycSubmittedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) reviewedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) deletionScheduledFor!: string | null;
  @ApiProperty({ example: '2026-01-01T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-01-02T10:00:00.000Z' }) updatedAt!: string;
  @ApiProperty({ example: 3, description: 'Send back as `version` to detect concurrent edits' }) version!: number;
}

export class DeletionScheduledDto {
  @ApiProperty({ example: '2026-02-01T10:00:00.000Z' }) deletionScheduledFor!: string;
}
