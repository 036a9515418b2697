import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const nullableString = (example: string, description?: string) => ApiPropertyOptional({ example, nullable: true, type: String, description });

export class DayHoursDto {
  @ApiPropertyOptional({ example: false, description: 'true = closed all day (then leave open/close out)' }) @IsOptional() @IsBoolean() closed?: boolean;
  @ApiPropertyOptional({ example: '09:00', description: '24-hour HH:MM, local time' }) @IsOptional() @IsString() @Matches(TIME, { message: 'open must be HH:MM (24-hour)' }) open?: string;
  @ApiPropertyOptional({ example: '18:00', description: '24-hour HH:MM, after open' }) @IsOptional() @IsString() @Matches(TIME, { message: 'close must be HH:MM (24-hour)' }) close?: string;
}

const day = () => (target: object, key: string) => {
  ApiPropertyOptional({ type: DayHoursDto })(target, key);
  IsOptional()(target, key);
  ValidateNested()(target, key);
  Type(() => DayHoursDto)(target, key);
};

/** Hours per weekday; days left out keep their current hours (new warehouses: Mon-Sat 09:00-18:00, Sunday closed). */
export class OperatingHoursDto {
  @day() mon?: DayHoursDto;
  @day() tue?: DayHoursDto;
  @day() wed?: DayHoursDto;
  @day() thu?: DayHoursDto;
  @day() fri?: DayHoursDto;
  @day() sat?: DayHoursDto;
  @day() sun?: DayHoursDto;
}

export class CreateWarehouseDto {
  @ApiProperty({ example: 'BLR-1', description: 'Company-unique short code: 1-20 letters, digits, - or _ (stored upper-case)' }) @Transform(trim) @IsString() @MaxLength(20) code!: string;
  @ApiProperty({ example: 'Bengaluru main warehouse' }) @Transform(trim) @IsString() @MaxLength(120) name!: string;
  @ApiProperty({ example: 'Ravi Kumar' }) @Transform(trim) @IsString() @MaxLength(120) contactName!: string;
  @ApiProperty({ example: '+919876543210', description: 'Indian mobile or landline; stored as E.164' }) @Transform(trim) @IsString() @MaxLength(20) contactPhone!: string;
  @nullableString('dispatch@chaipoint.example.in') @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(254) contactEmail?: string | null;
  @ApiProperty({ example: 'Plot 42, 3rd Cross, Peenya Industrial Area' }) @Transform(trim) @IsString() @MaxLength(200) addressLine1!: string;
  @nullableString('Phase 2') @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) addressLine2?: string | null;
  @nullableString('Near Peenya metro station') @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200) landmark?: string | null;
  @ApiProperty({ example: '560001', description: 'City, state, GST state code and coordinates are filled from the pincode directory' }) @Transform(trim) @IsString() @MaxLength(6) pincode!: string;
  @nullableString('29AAFCC9980M1ZR', 'GSTIN registered at this location (its state must be the pincode\'s)') @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(15) gstin?: string | null;
  @ApiPropertyOptional({ type: OperatingHoursDto }) @IsOptional() @ValidateNested() @Type(() => OperatingHoursDto) operatingHours?: OperatingHoursDto;
  @ApiPropertyOptional({ example: false, description: 'Make it the default at once (the first warehouse always becomes the default)' }) @IsOptional() @IsBoolean() makeDefault?: boolean;
}

export class UpdateWarehouseDto extends PartialType(CreateWarehouseDto) {
  @ApiPropertyOptional({ example: 2, description: 'The version you edited; a stale one gets 409 concurrency.stale_version' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class VersionDto {
  @ApiPropertyOptional({ example: 2, description: 'The version you saw; a stale one gets 409' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class ListWarehousesQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only active (true) or only inactive (false) warehouses' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

// ---- responses ----

export class DayHoursViewDto {
  @ApiProperty({ example: false }) closed!: boolean;
  @ApiPropertyOptional({ example: '09:00' }) open?: string;
  @ApiPropertyOptional({ example: '18:00' }) close?: string;
}

export class OperatingHoursViewDto {
  @ApiProperty({ type: DayHoursViewDto }) mon!: DayHoursViewDto;
  @ApiProperty({ type: DayHoursViewDto }) tue!: DayHoursViewDto;
  @ApiProperty({ type: DayHoursViewDto }) wed!: DayHoursViewDto;
  @ApiProperty({ type: DayHoursViewDto }) thu!: DayHoursViewDto;
  @ApiProperty({ type: DayHoursViewDto }) fri!: DayHoursViewDto;
  @ApiProperty({ type: DayHoursViewDto }) sat!: DayHoursViewDto;
  @ApiProperty({ type: DayHoursViewDto }) sun!: DayHoursViewDto;
}

export class WarehouseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty({ example: 'BLR-1' }) code!: string;
  @ApiProperty({ example: 'Bengaluru main warehouse' }) name!: string;
  @ApiProperty({ example: 'Ravi Kumar' }) contactName!: string;
  @ApiProperty({ example: '+919876543210' }) contactPhone!: string;
  @ApiProperty({ example: 'dispatch@chaipoint.example.in', nullable: true, type: String }) contactEmail!: string | null;
  @ApiProperty({ example: 'Plot 42, 3rd Cross, Peenya Industrial Area' }) addressLine1!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) addressLine2!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) landmark!: string | null;
  @ApiProperty({ example: '560001' }) pincode!: string;
  @ApiProperty({ example: 'Bengaluru', description: 'From the pincode directory (district)' }) city!: string;
  @ApiProperty({ example: 'Karnataka' }) state!: string;
  @ApiProperty({ example: '29' }) gstStateCode!: string;
  @ApiProperty({ example: 12.97, nullable: true, type: Number }) latitude!: number | null;
  @ApiProperty({ example: 77.59, nullable: true, type: Number }) longitude!: number | null;
  @ApiProperty({ example: null, nullable: true, type: String }) gstin!: string | null;
  @ApiProperty({ type: OperatingHoursViewDto }) operatingHours!: OperatingHoursViewDto;
  @ApiProperty({ example: true }) isDefault!: boolean;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ example: false, description: 'Orders have used it (then it can be deactivated, not deleted)' }) used!: boolean;
  @ApiProperty({ example: false }) deleted!: boolean;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WarehouseListDto {
  @ApiProperty({ type: [WarehouseDto] }) items!: WarehouseDto[];
}

export class WarehouseImportResultDto {
  @ApiProperty({ example: 3 }) created!: number;
  @ApiProperty({ example: 1 }) updated!: number;
  @ApiProperty({ example: 'BLR-1', nullable: true, type: String }) defaultCode!: string | null;
}
