import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageMeta } from '@shipcrowd/platform';
import { MATCH_SCOPES, MAX_PRIORITY, ZONES } from '../../domain/custom-zone';

/** Pincodes a create request may carry inline; larger lists go through the CSV upload. */
export const CREATE_MAX_PINCODES = 1000;

const BOUNDARY_EXAMPLE = {
  type: 'Polygon',
  coordinates: [[[77.55, 12.9], [77.65, 12.9], [77.65, 13.0], [77.55, 13.0], [77.55, 12.9]]],
};
const BOUNDARY_DOC =
  'GeoJSON geometry (RFC 7946), type Polygon or MultiPolygon, positions as [longitude, latitude]; rings closed (last = first), at least 4 positions, at most 10,000 positions in all. A pincode is inside when its directory coordinates fall inside (holes excluded).';
const SCOPE_DOC = "'destination': applies when the destination pincode is in the zone; 'both': when origin and destination both are.";
const PRIORITY_DOC = 'Lower wins when several custom zones match; ties go to the older zone.';

export class CreateCustomZoneDto {
  @ApiProperty({ example: 'Bengaluru same city', maxLength: 80 }) @IsString() @MaxLength(200) name!: string;
  @ApiProperty({ enum: [...ZONES], example: 'A', description: 'The zone letter this custom zone maps to' }) @IsIn([...ZONES]) zone!: string;
  @ApiProperty({ enum: [...MATCH_SCOPES], example: 'both', description: SCOPE_DOC }) @IsIn([...MATCH_SCOPES]) matchScope!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: BOUNDARY_DOC, example: BOUNDARY_EXAMPLE }) @IsOptional() @IsObject() boundary?: Record<string, unknown> | null;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRIORITY, default: 100, description: PRIORITY_DOC }) @IsOptional() @IsInt() @Min(0) @Max(MAX_PRIORITY) priority?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: [String], example: ['560001', '560034'], maxItems: CREATE_MAX_PINCODES, description: 'First pincodes of the list (each checked against the directory); upload a CSV for more' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CREATE_MAX_PINCODES)
  @IsString({ each: true })
  pincodes?: string[];
}

/** Every field optional; `boundary: null` removes the boundary. */
export class UpdateCustomZoneDto {
  @ApiPropertyOptional({ maxLength: 80 }) @ValidateIf((o) => o.name !== undefined) @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: [...ZONES] }) @ValidateIf((o) => o.zone !== undefined) @IsIn([...ZONES]) zone?: string;
  @ApiPropertyOptional({ enum: [...MATCH_SCOPES], description: SCOPE_DOC }) @ValidateIf((o) => o.matchScope !== undefined) @IsIn([...MATCH_SCOPES]) matchScope?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: `${BOUNDARY_DOC} null removes it.` }) @IsOptional() @IsObject() boundary?: Record<string, unknown> | null;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRIORITY, description: PRIORITY_DOC }) @ValidateIf((o) => o.priority !== undefined) @IsInt() @Min(0) @Max(MAX_PRIORITY) priority?: number;
  @ApiPropertyOptional() @ValidateIf((o) => o.active !== undefined) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ example: 3, description: 'The version you edited (or send If-Match: "3"); a stale one gets 409 concurrency.stale_version' }) @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

export class ExpectedVersionQueryDto {
  @ApiPropertyOptional({ example: 3, description: 'The version you saw (or send If-Match); a stale one gets 409' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) expectedVersion?: number;
}

export class PincodeUploadQueryDto extends ExpectedVersionQueryDto {
  @ApiPropertyOptional({ enum: ['replace', 'append'], default: 'replace', description: 'replace: the file becomes the whole list; append: adds to it' })
  @IsOptional()
  @IsIn(['replace', 'append'])
  mode?: 'replace' | 'append';
}

export class CustomZoneSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Bengaluru same city' }) name!: string;
  @ApiProperty({ enum: [...ZONES], example: 'A' }) zone!: string;
  @ApiProperty({ enum: [...MATCH_SCOPES], example: 'both' }) matchScope!: string;
  @ApiProperty({ example: 100 }) priority!: number;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ example: true }) hasBoundary!: boolean;
  @ApiProperty({ example: 2 }) pincodeCount!: number;
  @ApiProperty({ example: 1, description: 'Send back as expectedVersion or If-Match to detect concurrent edits (also in the ETag header)' }) version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CustomZoneDto extends CustomZoneSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: BOUNDARY_EXAMPLE }) boundary!: Record<string, unknown> | null;
}

export class CustomZonesDto {
  @ApiProperty({ type: [CustomZoneSummaryDto], description: 'In precedence order (priority, then age); at most 50' }) items!: CustomZoneSummaryDto[];
}

export class PincodeListChangeDto {
  @ApiProperty({ enum: ['replace', 'append'] }) mode!: string;
  @ApiProperty({ example: 1200, description: 'Data rows in the file' }) rows!: number;
  @ApiProperty({ example: 3, description: 'Rows repeating a pincode earlier in the file (ignored)' }) duplicates!: number;
  @ApiProperty({ example: 1197 }) added!: number;
  @ApiProperty({ example: 40 }) removed!: number;
  @ApiProperty({ example: 1197 }) pincodeCount!: number;
  @ApiProperty({ example: 4 }) version!: number;
}

export class ZonePincodeDto {
  @ApiProperty({ example: '560001' }) pincode!: string;
  @ApiProperty({ example: 'Bangalore G.P.O.' }) place!: string;
  @ApiProperty({ example: 'Bengaluru' }) district!: string;
  @ApiProperty({ example: 'Karnataka' }) state!: string;
}

export class ZonePincodePageDto extends PageMeta {
  @ApiProperty({ type: [ZonePincodeDto] }) items!: ZonePincodeDto[];
}
