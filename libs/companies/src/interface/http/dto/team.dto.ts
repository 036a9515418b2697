import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageMeta, PageQuery } from '@shipcrowd/platform';
import { PERMISSIONS } from '../../../../contracts';

export class ListMembersQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'manager', description: 'Built-in role or custom role key' }) @IsOptional() @IsString() @MaxLength(32) role?: string;
  @ApiPropertyOptional({ enum: ['active', 'deactivated'] }) @IsOptional() @IsIn(['active', 'deactivated']) status?: 'active' | 'deactivated';
  @ApiPropertyOptional({ example: 'priya', description: 'Part of the name or email' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class ChangeRoleDto {
  @ApiProperty({ example: 'manager', description: 'Built-in role or custom role key' }) @IsString() @Length(2, 32) role!: string;
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class MemberDto {
  @ApiProperty({ example: '0190f5c2-0000-7000-8000-000000000001' }) userId!: string;
  @ApiProperty({ example: 'priya@chaipoint.example.in' }) email!: string;
  @ApiProperty({ example: 'Priya Sharma', nullable: true, type: String }) name!: string | null;
  @ApiProperty({ example: 'manager' }) role!: string;
  @ApiProperty({ example: 'active', enum: ['active', 'deactivated'] }) status!: string;
  @ApiProperty({ example: '2026-01-01T10:00:00.000Z' }) joinedAt!: string;
  @ApiProperty({ example: 2 }) version!: number;
}

export class MemberPageDto extends PageMeta {
  @ApiProperty({ type: [MemberDto] }) items!: MemberDto[];
}

export class InviteDto {
  @ApiProperty({ example: 'rahul@chaipoint.example.in' }) @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ example: 'member' }) @IsString() @Length(2, 32) role!: string;
}

export class InvitationDto {
  @ApiProperty({ example: '0190f5c2-0000-7000-8000-0000000000aa' }) id!: string;
  @ApiProperty({ example: 'rahul@chaipoint.example.in' }) email!: string;
  @ApiProperty({ example: 'member' }) role!: string;
  @ApiProperty({ example: '0190f5c2-0000-7000-8000-000000000001' }) invitedBy!: string;
  @ApiProperty({ example: '2026-01-08T10:00:00.000Z' }) expiresAt!: string;
  @ApiProperty({ example: false }) expired!: boolean;
  @ApiProperty({ example: '2026-01-01T10:00:00.000Z' }) createdAt!: string;
}

export class InvitationSentDto extends InvitationDto {
  @ApiProperty({ example: false, description: 'true when a pending invitation to this email was renewed' }) refreshed!: boolean;
}

export class InvitationPageDto extends PageMeta {
  @ApiProperty({ type: [InvitationDto] }) items!: InvitationDto[];
}

export class InvitationAcceptedDto {
  @ApiProperty({ example: '0190f5c2-7f3a-7c3e-9d2b-5a1e2f3b4c5d' }) companyId!: string;
  @ApiProperty({ example: 'member' }) role!: string;
}

const PERMISSION_KEYS = Object.keys(PERMISSIONS);

export class CreateRoleDto {
  @ApiProperty({ example: 'warehouse_lead', description: '2-32 of a-z, 0-9, _; starts with a letter' }) @IsString() @Length(2, 32) key!: string;
  @ApiProperty({ example: 'Warehouse lead' }) @IsString() @Length(1, 80) name!: string;
  @ApiPropertyOptional({ example: 'Ships orders and sees the team', nullable: true, type: String }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(300) description?: string | null;
  @ApiProperty({ example: ['company.read', 'team.read'], enum: PERMISSION_KEYS, isArray: true }) @IsArray() @ArrayMaxSize(PERMISSION_KEYS.length) @IsString({ each: true }) permissions!: string[];
}

export class UpdateRoleDto {
  @ApiPropertyOptional({ example: 'Warehouse lead' }) @IsOptional() @IsString() @Length(1, 80) name?: string;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(300) description?: string | null;
  @ApiPropertyOptional({ example: ['company.read', 'team.read', 'team.invite'], enum: PERMISSION_KEYS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PERMISSION_KEYS.length)
  @IsString({ each: true })
  permissions?: string[];
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class RoleDto {
  @ApiProperty({ example: 'warehouse_lead' }) key!: string;
  @ApiProperty({ example: 'Warehouse lead' }) name!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) description!: string | null;
  @ApiProperty({ example: false }) builtIn!: boolean;
  @ApiProperty({ example: ['company.read', 'team.read'], isArray: true, type: String }) permissions!: string[];
  @ApiProperty({ example: 1, nullable: true, type: Number, description: 'null for built-in roles' }) version!: number | null;
}

export class RoleListDto {
  @ApiProperty({ type: [RoleDto] }) items!: RoleDto[];
}

export class PermissionDto {
  @ApiProperty({ example: 'team.invite' }) key!: string;
  @ApiProperty({ example: 'Invite teammates' }) description!: string;
  @ApiProperty({ example: ['owner', 'admin', 'manager'], isArray: true, type: String, description: 'Built-in roles that hold it' }) builtInRoles!: string[];
}

export class PermissionListDto {
  @ApiProperty({ type: [PermissionDto] }) items!: PermissionDto[];
}
