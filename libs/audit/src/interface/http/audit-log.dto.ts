import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageMeta, PageQuery } from '@shipcrowd/platform';
import type { StoredAuditEntry } from '../../domain/audit-chain';

export class AuditLogFilterDto extends PageQuery {
  @ApiPropertyOptional({ example: 'team.', description: 'Action prefix, e.g. `team.` or `auth.login_failed`' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9_.]+$/, { message: 'action may contain only a-z, 0-9, _ and .' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '01928c4e-5b7a-7c3e-9f1a-2b3c4d5e6f70', description: 'The acting user' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetType?: string;

  @ApiPropertyOptional({ example: '01928c4e-5b7a-7c3e-9f1a-2b3c4d5e6f71' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  targetId?: string;

  @ApiPropertyOptional({ example: '2025-01-01T00:00:00Z', description: 'Entries at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2025-01-31T23:59:59Z', description: 'Entries at or before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AdminAuditLogFilterDto extends AuditLogFilterDto {
  @ApiPropertyOptional({ example: 'platform', description: "A company id, or `platform` for the platform chain; omit for every chain" })
  @IsOptional()
  @Matches(/^(platform|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: "companyId must be a UUID or 'platform'" })
  companyId?: string;
}

export class VerifyAuditLogDto {
  @ApiPropertyOptional({ format: 'uuid', example: '01928c4e-5b7a-7c3e-9f1a-2b3c4d5e6f70', description: "A company's chain, or `platform`; omit to verify every chain" })
  @IsOptional()
  @Matches(/^(platform|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: "companyId must be a UUID or 'platform'" })
  companyId?: string;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid', example: '01928c4e-5b7a-7c3e-9f1a-2b3c4d5e6f72' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '01928c4e-5b7a-7c3e-9f1a-2b3c4d5e6f70', description: 'null: the platform chain' }) companyId!: string | null;
  @ApiProperty({ example: 42, description: 'Position in the chain (1-based)' }) seq!: number;
  @ApiProperty({ example: 'team.member_removed' }) action!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '01928c4e-5b7a-7c3e-9f1a-2b3c4d5e6f73' }) actorUserId!: string | null;
  @ApiProperty({ enum: ['user', 'api_key', 'system', 'platform_admin'], example: 'user' }) actorType!: string;
  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Mozilla/5.0' }) userAgent!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '7f1c1d2e-8a9b-4c3d-9e8f-0a1b2c3d4e5f' }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'user' }) targetType!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '01928c4e-5b7a-7c3e-9f1a-2b3c4d5e6f74' }) targetId!: string | null;
  @ApiProperty({ nullable: true, type: Object, example: { role: 'manager' } }) before!: unknown;
  @ApiProperty({ nullable: true, type: Object, example: null }) after!: unknown;
  @ApiProperty({ nullable: true, type: Object, example: { reason: 'left the company' } }) metadata!: Record<string, unknown> | null;
  @ApiProperty({ example: '2025-01-15T10:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: 'a3f5…', description: "SHA-256 of the previous entry's fields (64 zeros for the first)" }) prevHash!: string;
  @ApiProperty({ example: '9b2e…', description: 'SHA-256 over the canonical JSON of this entry and prevHash' }) hash!: string;

  static from(entry: StoredAuditEntry): AuditEntryDto {
    return { ...entry, createdAt: entry.createdAt.toISOString() };
  }
}

export class AuditPageDto extends PageMeta {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
}

export class ChainBreakDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '01928c4e-5b7a-7c3e-9f1a-2b3c4d5e6f70' }) companyId!: string | null;
  @ApiProperty({ format: 'uuid', example: '01928c4e-5b7a-7c3e-9f1a-2b3c4d5e6f72', description: 'The first entry that does not verify' }) id!: string;
  @ApiProperty({ example: 17 }) seq!: number;
  @ApiProperty({ enum: ['hash_mismatch', 'prev_hash_mismatch', 'seq_gap'], example: 'hash_mismatch' }) reason!: string;
}

export class VerificationResultDto {
  @ApiProperty({ example: true }) ok!: boolean;
  @ApiProperty({ example: 1280, description: 'Entries checked' }) checked!: number;
  @ApiPropertyOptional({ type: ChainBreakDto }) brokenAt?: ChainBreakDto;
  @ApiProperty({ example: 3, description: 'Chains checked' }) chains!: number;
}
