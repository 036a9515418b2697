import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PincodeDto } from './geo.dto';

/** Any strings are accepted: a bad value is what the assessment reports, not a 422. */
export class ValidateAddressDto {
  @ApiProperty({ example: 'Flat 302, Sunrise Apartments', maxLength: 300 }) @IsString() @MaxLength(300) line1!: string;
  @ApiPropertyOptional({ example: '80 Feet Road, Koramangala 4th Block', maxLength: 300, nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(300) line2?: string | null;
  @ApiPropertyOptional({ example: 'Near Forum Mall', maxLength: 200, nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(200) landmark?: string | null;
  @ApiProperty({ example: 'Bangalore', maxLength: 100, description: 'Old and new names (Bangalore/Bengaluru) and small misspellings are tolerated' }) @IsString() @MaxLength(100) city!: string;
  @ApiProperty({ example: 'KA', maxLength: 100, description: 'Full name, common abbreviation (KA, MH, DL) or GST state code (29)' }) @IsString() @MaxLength(100) state!: string;
  @ApiProperty({ example: '560034', maxLength: 20 }) @IsString() @MaxLength(20) pincode!: string;
  @ApiPropertyOptional({ example: '+91 98765 43210', maxLength: 30, nullable: true, type: String, description: 'Indian mobile (10 digits, 6-9 first) or landline with STD code; +91 / 0 prefixes allowed' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string | null;
}

export class AddressIssueDto {
  @ApiProperty({
    example: 'landmark_missing',
    enum: ['pincode_invalid', 'pincode_unknown', 'city_mismatch', 'city_misspelt', 'state_mismatch', 'state_unrecognised', 'house_number_missing', 'landmark_missing', 'phone_invalid', 'phone_missing'],
  })
  code!: string;
  @ApiProperty({ example: 'landmark' }) field!: string;
  @ApiProperty({ example: 'No landmark given (e.g. "Near City Hospital")' }) message!: string;
  @ApiProperty({ example: 5, description: 'Points taken off the score' }) penalty!: number;
}

export class AddressAssessmentDto {
  @ApiProperty({ example: 95, minimum: 0, maximum: 100 }) score!: number;
  @ApiProperty({ enum: ['good', 'fair', 'poor'], example: 'good', description: 'good >= 80, fair >= 50, else poor' }) grade!: string;
  @ApiProperty({ type: [AddressIssueDto] }) issues!: AddressIssueDto[];
  @ApiProperty({ type: PincodeDto, nullable: true, description: 'What the directory holds for the pincode (null when malformed or unknown)' }) pincode!: PincodeDto | null;
  @ApiProperty({ example: '+919876543210', nullable: true, type: String, description: 'E.164 when the phone is valid' }) normalizedPhone!: string | null;
}
