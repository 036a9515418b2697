import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDate, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PERMISSIONS } from '@shipcrowd/companies/contracts';
import { INDIAN_MOBILE_PATTERN, PASSWORD_MAX_LENGTH } from '../../domain';

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Asha V.' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  @ApiPropertyOptional({ example: '9876543210' })
  @IsOptional()
  @IsString()
  @Matches(INDIAN_MOBILE_PATTERN, { message: 'phone must be an Indian mobile number (+91 and 10 digits, or 10 digits)' })
  phone?: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH) currentPassword!: string;
  @ApiProperty({ example: 'an even longer passphrase' }) @IsString() @MaxLength(PASSWORD_MAX_LENGTH) newPassword!: string;
}

export class ChangeEmailDto {
  @ApiProperty({ example: 'asha.new@example.in' }) @IsEmail() @MaxLength(254) newEmail!: string;
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH) password!: string;
}

export class BackupEmailDto {
  @ApiProperty({ example: 'asha.backup@example.in' }) @IsEmail() @MaxLength(254) email!: string;
}

export class PasswordDto {
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH) password!: string;
}

export class IdParam {
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' }) @IsUUID() id!: string;
}

export class MeCompanyDto {
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' }) id!: string;
  @ApiProperty({ example: 'owner', nullable: true, type: String }) role!: string | null;
  @ApiProperty({ example: ['company.read', 'api_keys.manage'] }) permissions!: string[];
}

export class MeDto {
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' }) id!: string;
  @ApiProperty({ example: 'Asha Verma' }) name!: string;
  @ApiProperty({ example: 'asha@example.in' }) email!: string;
  @ApiProperty({ example: true }) emailVerified!: boolean;
  @ApiProperty({ example: '+919876543210', nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) backupEmail!: string | null;
  @ApiProperty({ example: false }) backupEmailVerified!: boolean;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'Signed URL, valid for an hour' }) avatarUrl!: string | null;
  @ApiProperty({ example: false }) platformAdmin!: boolean;
  @ApiProperty({ example: 'active' }) status!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) deletionScheduledFor!: string | null;
  @ApiProperty({ type: MeCompanyDto, nullable: true }) company!: MeCompanyDto | null;
}

export class SessionDto {
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' }) id!: string;
  @ApiProperty({ example: 'Chrome on Windows' }) device!: string;
  @ApiProperty({ example: '203.0.113.7', nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ example: '2025-01-05T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2025-01-05T10:20:00.000Z' }) lastSeenAt!: string;
  @ApiProperty({ example: true, description: 'The session this request belongs to' }) current!: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto] }) items!: SessionDto[];
}

export class RevokedCountDto {
  @ApiProperty({ example: 2 }) revoked!: number;
}

export class DeletionDto {
  @ApiProperty({ example: '2025-01-19T10:00:00.000Z' }) deleteAfter!: string;
}

export class AvatarDto {
  @ApiProperty({ example: 'http://localhost:3000/files/users/.../avatar.png?sig=...' }) avatarUrl!: string;
}

export class AvatarUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PNG, JPEG or WebP; at most 2 MB and 2048×2048' }) file!: unknown;
}

const PERMISSION_KEYS = Object.keys(PERMISSIONS);

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Warehouse sync' }) @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @ApiProperty({ example: ['company.read'], enum: PERMISSION_KEYS, isArray: true, description: 'A subset of your own permissions' })
  @IsArray()
  @ArrayMaxSize(PERMISSION_KEYS.length)
  @ArrayUnique()
  @IsIn(PERMISSION_KEYS, { each: true })
  scopes!: string[];
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00.000Z' }) @IsOptional() @Type(() => Date) @IsDate() expiresAt?: Date;
}

export class ApiKeyDto {
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' }) id!: string;
  @ApiProperty({ example: 'Warehouse sync' }) name!: string;
  @ApiProperty({ example: '3f9a1c0b7e2d' }) prefix!: string;
  @ApiProperty({ example: ['company.read'] }) scopes!: string[];
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' }) createdByUserId!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiProperty({ example: '2025-01-05T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) revokedAt!: string | null;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
}

export class CreatedApiKeyDto {
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' }) id!: string;
  @ApiProperty({ example: 'Warehouse sync' }) name!: string;
  @ApiProperty({ example: '3f9a1c0b7e2d' }) prefix!: string;
  @ApiProperty({ example: ['company.read'] }) scopes!: string[];
  @ApiProperty({ example: null, nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ example: '2025-01-05T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: 'sc_live_3f9a1c0b7e2d_5Qy0b7Yg8v1aZ...', description: 'Shown only now; store it safely' }) key!: string;
}

