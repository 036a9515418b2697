import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class PincodeDto {
  @ApiProperty({ example: '110001' }) pincode!: string;
  @ApiProperty({ example: 'New Delhi G.P.O.', description: 'Primary place (usually the head or general post office)' }) place!: string;
  @ApiProperty({ example: ['New Delhi G.P.O.', 'Connaught Place', 'Parliament House'], type: [String] }) places!: string[];
  @ApiProperty({ example: 'Central Delhi' }) district!: string;
  @ApiProperty({ example: 'Delhi' }) state!: string;
  @ApiProperty({ example: '07', description: 'GST state code' }) gstStateCode!: string;
  @ApiProperty({ example: 28.6427, nullable: true, type: Number }) latitude!: number | null;
  @ApiProperty({ example: 77.2194, nullable: true, type: Number }) longitude!: number | null;
}

export class PincodeMatchDto extends PincodeDto {
  @ApiProperty({ example: 0.78, description: 'Trigram word similarity, 0..1' }) score!: number;
}

export class PincodeSearchDto {
  @ApiProperty({ type: [PincodeMatchDto] }) items!: PincodeMatchDto[];
}

export class SearchPincodesQueryDto {
  @ApiProperty({ example: 'Bangalor', minLength: 2, maxLength: 100 })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  q!: string;

  @ApiPropertyOptional({ example: 10, minimum: 1, maximum: 20, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}

export class ZoneQueryDto {
  @ApiProperty({ example: '110001' }) @IsString() origin!: string;
  @ApiProperty({ example: '400001' }) @IsString() destination!: string;
}

export class ListsVersionDto {
  @ApiProperty({ example: 1 }) metro!: number;
  @ApiProperty({ example: 1 }) special!: number;
}

export class CustomZoneMatchDto {
  @ApiProperty({ enum: ['pincode_list', 'boundary'], nullable: true, type: String, description: "null for 'destination' zones" }) origin!: string | null;
  @ApiProperty({ enum: ['pincode_list', 'boundary'] }) destination!: string;
}

export class AppliedCustomZoneDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Bengaluru same city' }) name!: string;
  @ApiProperty({ type: CustomZoneMatchDto }) matchedBy!: CustomZoneMatchDto;
}

export class ZoneDecisionDto {
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'], example: 'C' }) zone!: string;
  @ApiProperty({ type: AppliedCustomZoneDto, nullable: true, description: "The caller's company custom zone that decided the zone (it takes precedence over the engine), else null" }) customZone!: AppliedCustomZoneDto | null;
  @ApiProperty({ example: 'Metro to metro: Delhi NCR to Mumbai' }) reason!: string;
  @ApiProperty({ type: PincodeDto }) origin!: PincodeDto;
  @ApiProperty({ type: PincodeDto }) destination!: PincodeDto;
  @ApiProperty({ type: ListsVersionDto }) listsVersion!: ListsVersionDto;
}

export class ZoneListDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['metro', 'special'], example: 'special' }) kind!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ example: ['12', '18', '14', '17', '15', '13', '11', '16', '01', '38', '35', '31'], description: 'metro: [{city, districts[]}]; special: GST state codes' }) entries!: unknown;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ example: '2026-01-15T10:00:00.000Z' }) createdAt!: Date;
}

export class ZoneListsDto {
  @ApiProperty({ type: [ZoneListDto] }) items!: ZoneListDto[];
}

export class PublishZoneListDto {
  @ApiProperty({ enum: ['metro', 'special'], example: 'special' })
  @IsIn(['metro', 'special'])
  kind!: 'metro' | 'special';

  @ApiProperty({
    description: "metro: [{city, districts: string[]}] (district names as in the pincode directory); special: GST state codes",
    example: ['12', '18', '14', '17', '15', '13', '11', '16', '01', '38', '35', '31', '32'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  entries!: unknown[];
}
