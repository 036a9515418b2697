import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { OrderDraftDto, RoutingDecisionDto } from './orders.dto';

export class RoutingConditionsDto {
  @ApiPropertyOptional({ type: [String], example: ['560038'] }) @IsOptional() @IsArray() @ArrayMaxSize(5000) @IsString({ each: true }) pincodes?: string[];
  @ApiPropertyOptional({ type: [String], example: ['56', '11'], description: '1-5 leading digits' }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) pincodePrefixes?: string[];
  @ApiPropertyOptional({ type: [String], example: ['Karnataka', '33'], description: 'State names or GST state codes' }) @IsOptional() @IsArray() @ArrayMaxSize(40) @IsString({ each: true }) states?: string[];
  @ApiPropertyOptional({ enum: ['prepaid', 'cod'], nullable: true }) @IsOptional() @IsIn(['prepaid', 'cod']) paymentMode?: 'prepaid' | 'cod' | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) codMinPaise?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) codMaxPaise?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) weightMinGrams?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) weightMaxGrams?: number | null;
  @ApiPropertyOptional({ type: [String], description: 'Any of these tags' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) tagsAny?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) channels?: string[];
}

export class RoutingActionsDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Pickup warehouse; else the default warehouse' }) @IsOptional() @IsUUID() warehouseId?: string | null;
  @ApiPropertyOptional({ type: [String], example: ['delhivery', 'xpressbees'], description: 'Catalogue courier codes, most preferred first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(11)
  @IsString({ each: true })
  courierPreference?: string[];
}

export class RoutingRuleDto {
  @ApiProperty({ example: 'South COD from Bengaluru' }) @IsString() @MaxLength(100) name!: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiProperty({ type: RoutingConditionsDto }) @IsObject() @ValidateNested() @Type(() => RoutingConditionsDto) conditions!: RoutingConditionsDto;
  @ApiProperty({ type: RoutingActionsDto }) @IsObject() @ValidateNested() @Type(() => RoutingActionsDto) actions!: RoutingActionsDto;
}

export class CreateRoutingRuleDto extends RoutingRuleDto {
  @ApiPropertyOptional({ minimum: 1, description: '1 = evaluated first; default last' }) @IsOptional() @IsInt() @Min(1) position?: number;
}

export class UpdateRoutingRuleDto extends RoutingRuleDto {
  @ApiProperty({ description: 'The version you read' }) @IsInt() version!: number;
}

export class ReorderRoutingRulesDto {
  @ApiProperty({ type: [String], description: 'Every rule id, first to last' }) @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) ruleIds!: string[];
}

export class TestRoutingDto {
  @ApiPropertyOptional({ type: OrderDraftDto, description: 'An order as you would POST it' }) @IsOptional() @IsObject() draft?: Record<string, unknown>;
  @ApiPropertyOptional({ format: 'uuid', description: 'Or an existing order (routed as if it named no warehouse)' }) @IsOptional() @IsUUID() orderId?: string;
}

export class RoutingRuleViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() position!: number;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: RoutingConditionsDto }) conditions!: RoutingConditionsDto;
  @ApiProperty({ type: RoutingActionsDto }) actions!: RoutingActionsDto;
  @ApiProperty() version!: number;
}

export class RuleVerdictDto {
  @ApiProperty() ruleId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() position!: number;
  @ApiProperty() matched!: boolean;
  @ApiProperty({ type: [String], example: ['destination state Delhi is not in [Maharashtra]'] }) reasons!: string[];
}

export class RoutingExplanationDto {
  @ApiProperty({ description: 'What routing knew: pincode, state (from the directory), payment mode, COD, weight, tags, channel' }) facts!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) matchedRuleId!: string | null;
  @ApiProperty({ type: RoutingDecisionDto, nullable: true }) decision!: RoutingDecisionDto | null;
  @ApiProperty({ nullable: true, type: Object, description: 'The warehouse the order would ship from' }) warehouse!: Record<string, unknown> | null;
  @ApiProperty({ type: [RuleVerdictDto], description: 'Each rule evaluated, in order, up to the match' }) rules!: RuleVerdictDto[];
  @ApiProperty({ nullable: true, type: Object, description: 'Why no warehouse could be chosen' }) problem!: Record<string, unknown> | null;
}
