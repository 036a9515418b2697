import { Body, Controller, Get, HttpCode, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '@shipcrowd/kernel';
import { ApiProblems, companyOf, CurrentPrincipal, decodeCursor, Idempotent, PageQuery, pageLimit, Principal, ProblemException, RequirePermissions, streamProgressEvents } from '@shipcrowd/platform';
import { StartShipmentBatch } from '../../application/commands/start-shipment-batch/start-shipment-batch.command';
import type { StartedShipmentBatch } from '../../application/commands/start-shipment-batch/start-shipment-batch.handler';
import { GetShipmentBatch, ListShipmentBatches, ListShipmentBatchItems } from '../../application/queries/shipment-batches/shipment-batches.queries';
import { isBatchFinished, MAX_BATCH_ORDERS } from '../../domain/shipment-batch';
import type { ShipmentBatchItemRow, ShipmentBatchRow } from '../../infrastructure/persistence/shipment-batches.store';
import { shipmentBatchItemView, shipmentBatchView } from './shipment-batch-views';
import {
  ListShipmentBatchItemsQueryDto,
  ShipmentBatchAcceptedDto,
  ShipmentBatchDto,
  ShipmentBatchItemPageDto,
  ShipmentBatchPageDto,
  StartShipmentBatchDto,
} from './shipment-batches.dto';

function batchId(id: string): string {
  if (!isUuid(id)) throw new ProblemException(404, 'shipment_batch.not_found', 'Not found.');
  return id;
}

const invalidCursor = () =>
  new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued', { errors: [{ field: 'cursor', message: 'is not a valid cursor', code: 'invalid_cursor' }] });

@ApiTags('shipment-batches')
@Controller('v1/shipment-batches')
export class ShipmentBatchesController {
  private readonly logger = new Logger('shipping');

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(202)
  @RequirePermissions('shipments.write')
  @Idempotent()
  @ApiOperation({
    summary: `Book up to ${MAX_BATCH_ORDERS} orders as a background job`,
    description:
      'Each order is booked as POST /v1/shipments would book it (with the courier and service given, else its routing preference, else the quote’s recommendation), a few at a time. ' +
      'Follow progress at statusUrl or eventsUrl; each order’s result (AWB, or the error code a single booking would give, e.g. order.not_found, shipment.already_booked, shipment.not_serviceable) is in /items. ' +
      'An order never gets two live shipments, even if the job is retried.',
  })
  @ApiAcceptedResponse({ type: ShipmentBatchAcceptedDto })
  @ApiProblems(422, 503)
  async start(@CurrentPrincipal() principal: Principal, @Body() body: StartShipmentBatchDto): Promise<ShipmentBatchAcceptedDto> {
    const actor = { companyId: companyOf(principal), userId: principal.userId };
    const { id, status, total } = await this.commands.execute<StartShipmentBatch, StartedShipmentBatch>(new StartShipmentBatch(actor, body.orderIds, body.courier, body.service));
    return { id, status, total, statusUrl: `/v1/shipment-batches/${id}`, eventsUrl: `/v1/shipment-batches/${id}/events` };
  }

  @Get()
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'Shipment batches, newest first' })
  @ApiOkResponse({ type: ShipmentBatchPageDto })
  @ApiProblems(422)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery) {
    const cursor = decodeCursor<{ createdAt?: unknown; id?: unknown }>(query.cursor);
    if (cursor && (typeof cursor.createdAt !== 'string' || Number.isNaN(Date.parse(cursor.createdAt)) || !isUuid(cursor.id))) throw invalidCursor();
    const page = await this.queries.execute(new ListShipmentBatches(companyOf(principal), pageLimit(query), cursor as { createdAt: string; id: string } | undefined));
    return { items: (page.items as ShipmentBatchRow[]).map(shipmentBatchView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'Progress of a batch: status and counts' })
  @ApiOkResponse({ type: ShipmentBatchDto })
  @ApiProblems(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return shipmentBatchView(await this.queries.execute<GetShipmentBatch, ShipmentBatchRow>(new GetShipmentBatch(companyOf(principal), batchId(id))));
  }

  @Get(':id/items')
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'Each order of a batch with its result, in request order', description: 'pending until its booking ends; then booked (shipment and AWB) or failed (error code and message).' })
  @ApiOkResponse({ type: ShipmentBatchItemPageDto })
  @ApiProblems(404, 422)
  async items(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: ListShipmentBatchItemsQueryDto) {
    const cursor = decodeCursor<{ position?: unknown }>(query.cursor);
    if (cursor && !(Number.isSafeInteger(cursor.position) && (cursor.position as number) > 0)) throw invalidCursor();
    const page = await this.queries.execute(new ListShipmentBatchItems(companyOf(principal), batchId(id), query.result, pageLimit(query), cursor?.position as number | undefined));
    return { items: (page.items as ShipmentBatchItemRow[]).map(shipmentBatchItemView), nextCursor: page.nextCursor };
  }

  @Get(':id/events')
  @RequirePermissions('shipments.read')
  @ApiOperation({
    summary: 'Server-Sent Events: progress of a batch until it is done',
    description:
      '`progress` events (data: the batch as GET /{id} returns it) whenever its counts or status change, then one `done` event, then the stream closes. Works whichever process runs the job. ' +
      'If the access token that opened the stream expires first, an `auth_expired` event (data { code: "auth.token_expired", message }) ends it: reconnect with a fresh token.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string', example: 'event: progress\ndata: {"status":"running","total":500,"processed":120,…}\n\n' } } } })
  @ApiProblems(404)
  async events(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const read = () => this.queries.execute<GetShipmentBatch, ShipmentBatchRow>(new GetShipmentBatch(companyOf(principal), batchId(id)));
    await read();
    await streamProgressEvents(request, reply, {
      read: async () => {
        const batch = await read();
        return { version: batch.version, data: shipmentBatchView(batch), done: isBatchFinished(batch.status) };
      },
      failureMessage: 'The progress stream failed; poll GET /v1/shipment-batches/{id}.',
      onError: (error) => this.logger.error({ err: error, batchId: id }, 'shipment batch events stream failed'),
      expiresAt: principal.expiresAt,
    });
  }
}
