import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches, MaxLength } from 'class-validator';
import { normalisePhone } from '../domain/phone';

export class SecondFactorCodeDto {
  @ApiProperty({ example: '492039', description: 'A 6-digit authenticator or SMS code, or a recovery code (xxxxx-xxxxx)' })
  @IsString()
  @Length(6, 16)
  code!: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '492039', description: 'The 6-digit code the authenticator app shows now' })
  @IsString()
  @Matches(/^\d{6}$/, { message: '$property must be 6 digits' })
  code!: string;
}

export class SmsCodeDto {
  @ApiProperty({ example: '815204', description: 'The 6-digit code sent by SMS' })
  @IsString()
  @Matches(/^\d{6}$/, { message: '$property must be 6 digits' })
  code!: string;
}

export class SmsEnrolmentDto {
  @ApiProperty({ example: '+919876543210', description: 'Mobile number, E.164 or a 10-digit Indian mobile number' })
  @IsString()
  @MaxLength(32)
  @Transform(({ value }) => (typeof value === 'string' ? (normalisePhone(value) ?? value) : value))
  @Matches(/^\+[1-9]\d{7,14}$/, { message: '$property must be a mobile number in E.164 form, e.g. +919876543210' })
  phone!: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'Base32 secret, for typing into the app by hand' })
  secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Shipcrowd:asha%40example.in?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&period=30&digits=6&algorithm=SHA1&issuer=Shipcrowd' })
  otpauthUri!: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ example: ['7hk2m-q9xzp', 'c4nrt-8wd3a'], description: 'Ten single-use codes, shown only now' })
  recoveryCodes!: string[];
}

export class TotpEnabledDto extends RecoveryCodesDto {
  @ApiProperty({ example: true }) enabled!: boolean;
}

export class SmsChallengeSentDto {
  @ApiProperty({ example: '+91******3210' }) phone!: string;
  @ApiProperty({ example: 300 }) expiresInSeconds!: number;
}

export class SmsEnabledDto {
  @ApiProperty({ example: true }) enabled!: boolean;
  @ApiProperty({ example: '+91******3210' }) phone!: string;
  @ApiProperty({ example: null, nullable: true, type: [String], description: 'Issued only if the account had no unused recovery codes; shown once' })
  recoveryCodes!: string[] | null;
}

class TotpStatusDto {
  @ApiProperty({ example: true }) enabled!: boolean;
  @ApiProperty({ example: false }) pendingEnrolment!: boolean;
}

class SmsStatusDto {
  @ApiProperty({ example: false }) enabled!: boolean;
  @ApiProperty({ example: false }) pendingEnrolment!: boolean;
  @ApiProperty({ example: null, nullable: true, type: String }) phone!: string | null;
}

export class SecondFactorStatusDto {
  @ApiProperty({ example: ['totp'], enum: ['totp', 'sms'], isArray: true }) methods!: ('totp' | 'sms')[];
  @ApiProperty({ type: TotpStatusDto }) totp!: TotpStatusDto;
  @ApiProperty({ type: SmsStatusDto }) sms!: SmsStatusDto;
  @ApiProperty({ example: 9 }) recoveryCodesLeft!: number;
}
