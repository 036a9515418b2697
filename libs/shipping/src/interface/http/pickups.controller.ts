import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { COURIERS } from '@shipcrowd/couriers/contracts';
import { ApiProblems, companyOf, CurrentPrincipal, decodeCursor, Idempotent, PageMeta, PageQuery, pageLimit, Principal, RequirePermissions } from '@shipcrowd/platform';
import { RequestPickup } from '../../application/commands/request-pickup/request-pickup.command';
import type { PickupView } from '../../application/commands/request-pickup/request-pickup.command';
import { ListPickups } from '../../application/queries/list-pickups/list-pickups.query';

const COURIER_CODES = COURIERS.map((c) => c.code);

export class RequestPickupDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId!: string;
  @ApiProperty({ enum: COURIER_CODES }) @IsIn(COURIER_CODES) courier!: string;
  @ApiPropertyOptional({ type: [String], description: 'Shipments to hand over (max 500); every shipment of this courier at the warehouse awaiting pickup when omitted' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  shipmentIds?: string[];
  @ApiPropertyOptional({ example: '2026-11-24', description: 'IST date, today up to 7 days ahead, a day the warehouse is open; the earliest slot when omitted' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  pickupDate?: string;
}

export class PickupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) warehouseId!: string;
  @ApiProperty() courier!: string;
  @ApiProperty({ example: '2026-11-24' }) pickupDate!: string;
  @ApiProperty({ example: '11:30' }) pickupTime!: string;
  @ApiProperty({ example: "today, before delhivery's 14:00 cut-off" }) slotReason!: string;
  @ApiProperty({ description: 'The courier’s pickup request id' }) courierPickupId!: string;
  @ApiProperty({ type: [String] }) shipmentIds!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PickupPageDto extends PageMeta {
  @ApiProperty({ type: [PickupDto] }) items!: PickupDto[];
}

@ApiTags('pickups')
@Controller('v1/pickups')
export class PickupsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('shipments.write')
  @Idempotent()
  @ApiOperation({ summary: 'Request a courier pickup at a warehouse', description: 'Scheduled in the earliest slot the warehouse’s hours and the courier’s same-day cut-off allow, or on the requested day.' })
  @ApiCreatedResponse({ type: PickupDto })
  @ApiProblems(404, 422, 503)
  request(@CurrentPrincipal() principal: Principal, @Body() body: RequestPickupDto): Promise<PickupView> {
    return this.commands.execute(new RequestPickup({ companyId: companyOf(principal), userId: principal.userId }, body.warehouseId, body.courier, body.shipmentIds, body.pickupDate));
  }

  @Get()
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'Pickups requested, newest first' })
  @ApiOkResponse({ type: PickupPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery) {
    const cursor = decodeCursor<{ before?: string }>(query.cursor);
    return this.queries.execute(new ListPickups(companyOf(principal), pageLimit(query), cursor?.before ? new Date(cursor.before) : undefined));
  }
}
