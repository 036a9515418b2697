import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { INDIAN_MOBILE_PATTERN, PASSWORD_MAX_LENGTH } from '../../domain';

export class RegisterDto {
  @ApiProperty({ example: 'Asha Verma', maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @ApiProperty({ example: 'asha@example.in' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ example: 'correct horse battery staple', minLength: 10, maxLength: PASSWORD_MAX_LENGTH, description: 'NIST 800-63B: 10-128 characters, no composition rules; not your email or name' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
  @ApiProperty({ example: '+919876543210', description: 'Indian mobile: +91 and 10 digits, or 10 digits' })
  @IsString()
  @Matches(INDIAN_MOBILE_PATTERN, { message: 'phone must be an Indian mobile number (+91 and 10 digits, or 10 digits)' })
  phone!: string;
  @ApiPropertyOptional({ example: 'Verma Handicrafts', description: 'Required unless invitationToken is given' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(150) companyName?: string;
  @ApiPropertyOptional({ example: 'inv_3kq...', description: 'Join the inviting company instead of creating one' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) invitationToken?: string;
  @ApiPropertyOptional({ example: '0.captcha-token', description: 'Required when a captcha provider is configured' }) @IsOptional() @IsString() @MaxLength(4096) captchaToken?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'asha@example.in' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH) password!: string;
  @ApiPropertyOptional({ example: '123456', description: 'TOTP, SMS code or recovery code when a second factor is enrolled' }) @IsOptional() @IsString() @MaxLength(64) totp?: string;
  @ApiPropertyOptional({ example: '0.captcha-token', description: 'Required after repeated failures when a captcha provider is configured' }) @IsOptional() @IsString() @MaxLength(4096) captchaToken?: string;
}

export class SmsCodeDto {
  @ApiProperty({ example: 'asha@example.in' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH) password!: string;
  @ApiPropertyOptional({ example: '0.captcha-token' }) @IsOptional() @IsString() @MaxLength(4096) captchaToken?: string;
}

export class TokenDto {
  @ApiProperty({ example: 'Jq3y0b7Yg8v1aZ...', description: 'The token from the emailed link' }) @IsString() @IsNotEmpty() @MaxLength(200) token!: string;
}

export class RefreshDto {
  @ApiProperty({ example: 'p5Qy0b7Yg8v1aZ...' }) @IsString() @IsNotEmpty() @MaxLength(200) refreshToken!: string;
}

export class SwitchCompanyDto {
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' }) @IsUUID() companyId!: string;
}

export class PasswordResetDto {
  @ApiProperty({ example: 'asha@example.in' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiPropertyOptional({ example: false, description: 'Also send the link to the verified backup email' }) @IsOptional() @IsBoolean() useBackupEmail?: boolean;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ example: 'Jq3y0b7Yg8v1aZ...' }) @IsString() @IsNotEmpty() @MaxLength(200) token!: string;
  @ApiProperty({ example: 'a new long passphrase' }) @IsString() @MaxLength(PASSWORD_MAX_LENGTH) newPassword!: string;
}

export class UserDto {
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' }) id!: string;
  @ApiProperty({ example: 'Asha Verma' }) name!: string;
  @ApiProperty({ example: 'asha@example.in' }) email!: string;
  @ApiProperty({ example: false }) emailVerified!: boolean;
  @ApiProperty({ example: '+919876543210', nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) backupEmail!: string | null;
  @ApiProperty({ example: false }) backupEmailVerified!: boolean;
  @ApiProperty({ example: false }) platformAdmin!: boolean;
  @ApiProperty({ example: 'active', enum: ['active', 'deactivated', 'pending_deletion'] }) status!: string;
  @ApiProperty({ example: '2025-01-05T10:00:00.000Z' }) createdAt!: string;
}

export class TokensDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiJ9...' }) accessToken!: string;
  @ApiProperty({ example: 'p5Qy0b7Yg8v1aZ...', description: 'Single use; rotate with POST /v1/auth/refresh' }) refreshToken!: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' }) expiresIn!: number;
  @ApiProperty({ example: 'Bearer' }) tokenType!: string;
  @ApiProperty({ example: '0192b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b', nullable: true, type: String }) companyId!: string | null;
}

export class AuthResultDto extends TokensDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
}

export class SwitchCompanyResultDto extends TokensDto {
  @ApiProperty({ example: 'admin' }) role!: string;
  @ApiProperty({ example: ['company.read', 'team.read'] }) permissions!: string[];
}

export class VerifyEmailResultDto {
  @ApiProperty({ example: 'asha@example.in' }) email!: string;
  @ApiProperty({ example: 'email', enum: ['email', 'backup_email'] }) kind!: string;
}

export class EmailResultDto {
  @ApiProperty({ example: 'new@example.in' }) email!: string;
}

export class AcceptedDto {
  @ApiProperty({ example: true }) accepted!: boolean;
}

export class GoogleAuthResultDto extends AuthResultDto {
  @ApiProperty({ example: false, description: 'True when this sign-in created the account' }) isNewUser!: boolean;
  @ApiProperty({ example: false, description: 'True when this sign-in linked Google to an existing account with the same verified email' }) linked!: boolean;
  @ApiProperty({
    example: 'join_company',
    nullable: true,
    type: String,
    enum: ['join_company'],
    description: 'join_company: the user belongs to no company yet (companyId is null). Accept an invitation (POST /v1/team/invitations/{token}/accept), then POST /v1/auth/switch-company.',
  })
  nextStep!: 'join_company' | null;
}
