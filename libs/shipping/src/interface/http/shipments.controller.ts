import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isUuid } from '@shipcrowd/kernel';
import { ApiProblems, companyOf, CurrentPrincipal, decodeCursor, Idempotent, pageLimit, Principal, ProblemException, RequirePermissions } from '@shipcrowd/platform';
import type { Actor } from '../../application/actor';
import { BookShipment } from '../../application/commands/book-shipment/book-shipment.command';
import type { BookedShipment } from '../../application/commands/book-shipment/book-shipment.handler';
import { CancelShipment } from '../../application/commands/cancel-shipment/cancel-shipment.command';
import { UpdateShipmentPackages } from '../../application/commands/update-shipment-packages/update-shipment-packages.command';
import type { PackagesUpdated } from '../../application/commands/update-shipment-packages/update-shipment-packages.handler';
import { GetShipment } from '../../application/queries/get-shipment/get-shipment.query';
import type { ShipmentDetails } from '../../application/queries/get-shipment/get-shipment.handler';
import { ListShipments } from '../../application/queries/list-shipments/list-shipments.query';
import { BookedShipmentDto, BookShipmentDto, CancelShipmentDto, ListShipmentsQueryDto, ShipmentDto, ShipmentPageDto, TrackingDto, UpdatedShipmentPackagesDto, UpdateShipmentPackagesDto } from './shipments.dto';
import { shipmentSummaryView, shipmentView, timelineView } from './shipment-views';

const actorOf = (principal: Principal): Actor => ({ companyId: companyOf(principal), userId: principal.userId });

function shipmentId(id: string): string {
  if (!isUuid(id)) throw new ProblemException(404, 'shipment.not_found', 'Not found.');
  return id;
}

function cursorOf(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  const c = decodeCursor<{ createdAt?: unknown; id?: unknown }>(cursor);
  if (!c) return undefined;
  if (typeof c.createdAt !== 'string' || Number.isNaN(Date.parse(c.createdAt)) || !isUuid(c.id)) {
    throw new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued', { errors: [{ field: 'cursor', message: 'is not a valid cursor', code: 'invalid_cursor' }] });
  }
  return { createdAt: c.createdAt, id: c.id as string };
}

@ApiTags('shipments')
@Controller('v1/shipments')
export class ShipmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('shipments.write')
  @Idempotent()
  @ApiOperation({
    summary: 'Book an order with a courier',
    description:
      'Books with the courier (and service) given, else the first routing-rule preference that can carry it, else the quote’s recommendation. ' +
      'The courier’s rules (weight, size, COD limit, restricted goods) are checked first; a refusal names the rule. An order never gets two live AWBs.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the request safely: the same key returns the first answer' })
  @ApiCreatedResponse({ type: BookedShipmentDto })
  @ApiProblems(404, 409, 422, 503)
  book(@CurrentPrincipal() principal: Principal, @Body() body: BookShipmentDto): Promise<BookedShipment> {
    return this.commands.execute(new BookShipment(actorOf(principal), body.orderId, body.courier, body.service));
  }

  @Get()
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'List shipments, newest first', description: 'Filters: status (comma-separated), courier, order, created range; q finds an AWB, order number or reference.' })
  @ApiOkResponse({ type: ShipmentPageDto })
  @ApiProblems(422)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListShipmentsQueryDto) {
    const page = await this.queries.execute(
      new ListShipments(
        companyOf(principal),
        { status: query.status, courier: query.courier, q: query.q, orderId: query.orderId, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined },
        pageLimit(query),
        cursorOf(query.cursor),
      ),
    );
    return { items: page.items.map(shipmentSummaryView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'One shipment with its charges, booking and tracking timeline' })
  @ApiOkResponse({ type: ShipmentDto })
  @ApiProblems(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const details: ShipmentDetails = await this.queries.execute(new GetShipment(companyOf(principal), shipmentId(id)));
    return shipmentView(details);
  }

  @Get(':id/tracking')
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'Tracking timeline of a shipment, ordered by event time, courier raw codes kept' })
  @ApiOkResponse({ type: TrackingDto })
  @ApiProblems(404)
  async tracking(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { shipment, timeline }: ShipmentDetails = await this.queries.execute(new GetShipment(companyOf(principal), shipmentId(id)));
    return { shipmentId: shipment.id, awb: shipment.awb, status: shipment.status, expectedDeliveryDate: shipment.expectedDeliveryDate, timeline: timeline.map(timelineView) };
  }

  @Patch(':id/packages')
  @RequirePermissions('shipments.write')
  @ApiOperation({
    summary: 'Change the boxes before pickup',
    description:
      'Re-checked against the courier’s rules (weight, size, pieces) and re-priced with the same courier and service; refused once the courier has the parcel. ' +
      'A courier that takes box changes through its API is sent them first: if it refuses (422 courier.rejected with its reason, e.g. already picked up) nothing changes; ' +
      'if it cannot be reached, 503 courier.unavailable and nothing changes. Other couriers are not told: the answer says so (courierUpdated false, courierUpdateReason).',
  })
  @ApiOkResponse({ type: UpdatedShipmentPackagesDto })
  @ApiProblems(404, 409, 422, 503)
  async updatePackages(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateShipmentPackagesDto) {
    const { courierUpdated, courierUpdateReason }: PackagesUpdated = await this.commands.execute(new UpdateShipmentPackages(actorOf(principal), shipmentId(id), body.packages.map((p) => ({ ...p }))));
    return { ...shipmentView(await this.queries.execute(new GetShipment(companyOf(principal), id))), courierUpdated, courierUpdateReason };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermissions('shipments.write')
  @ApiOperation({ summary: 'Cancel a shipment before pickup', description: 'Calls the courier’s cancel first; the order goes back to new and can be booked again.' })
  @ApiOkResponse({ schema: { properties: { status: { type: 'string', example: 'cancelled' } } } })
  @ApiProblems(404, 409, 422, 503)
  cancel(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: CancelShipmentDto): Promise<{ status: string }> {
    return this.commands.execute(new CancelShipment(actorOf(principal), shipmentId(id), body.reason));
  }
}
