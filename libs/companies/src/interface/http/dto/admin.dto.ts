import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageMeta, PageQuery } from '@shipcrowd/platform';

const STATUSES = ['pending_kyc', 'kyc_submitted', 'approved', 'rejected', 'suspended'] as const;

export class ListCompaniesQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES, example: 'kyc_submitted' }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ example: 'chai', description: 'Part of the name, or a full GSTIN' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class CompanySummaryDto {
  @ApiProperty({ example: '0190f5c2-7f3a-7c3e-9d2b-5a1e2f3b4c5d' }) id!: string;
  @ApiProperty({ example: 'Chai Point Retail' }) name!: string;
  @ApiProperty({ example: 'Chai Point', nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ example: '29AAFCC9980M1ZR', nullable: true, type: String }) gstin!: string | null;
  @ApiProperty({ example: 'kyc_submitted', enum: STATUSES }) status!: string;
  @ApiProperty({ example: '2026-01-02T10:00:00.000Z', nullable: true, type: String }) kycSubmittedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) deletionScheduledFor!: string | null;
  @ApiProperty({ example: '2026-01-01T10:00:00.000Z' }) createdAt!: string;
}

export class CompanyPageDto extends PageMeta {
  @ApiProperty({ type: [CompanySummaryDto] }) items!: CompanySummaryDto[];
}
