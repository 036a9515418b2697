import { Readable } from 'node:stream';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, CurrentPrincipal, decodeCursor, Idempotent, Principal, ProblemException, RequirePermissions, toPage } from '@shipcrowd/platform';
import type { PlaceOrderOutcome } from '../../../contracts';
import { CancelOrder } from '../../application/commands/cancel-order/cancel-order.command';
import { UpdateOrderSettings } from '../../application/commands/order-settings/update-order-settings.command';
import { PlaceOrders } from '../../application/commands/place-orders/place-orders.command';
import { UpdateOrder } from '../../application/commands/update-order/update-order.command';
import type { PlacementResult } from '../../application/order-placement';
import { GetOrder } from '../../application/queries/get-order/get-order.query';
import type { OrderDetails } from '../../application/queries/get-order/get-order.handler';
import { GetOrderSettings } from '../../application/queries/get-order-settings/get-order-settings.query';
import type { OrderSummaryRow } from '../../application/queries/list-orders/list-orders.handler';
import { ListOrders, OrderFilters } from '../../application/queries/list-orders/list-orders.query';
import type { OrderStatus } from '../../domain/order';
import type { OrderSettings } from '../../domain/order-settings';
import { IdOr404, ordersActor } from './http-helpers';
import { exportHeader, exportRow } from './orders-csv';
import { CancelOrderDto, ListOrdersQueryDto, OrderDraftDto, OrderDto, OrderFiltersDto, OrderPageDto, OrderSettingsDto, UpdateOrderDto } from './orders.dto';
import { orderSummaryView, orderView } from './order-views';

const EXPORT_BATCH = 1000;
const orderId = new IdOr404('order.not_found');

function filtersOf(q: OrderFiltersDto): OrderFilters {
  return {
    status: q.status as OrderStatus[] | undefined,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    paymentMode: q.paymentMode,
    warehouseId: q.warehouseId,
    channel: q.channel,
    tags: q.tags,
    type: q.type,
    duplicate: q.duplicate,
    importId: q.importId,
    q: q.q,
  };
}

function keysetCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  const c = decodeCursor<{ c?: unknown; id?: unknown }>(cursor);
  if (!c) return undefined;
  if (typeof c.c !== 'string' || Number.isNaN(Date.parse(c.c)) || typeof c.id !== 'string') {
    throw new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued', { errors: [{ field: 'cursor', message: 'is not a valid cursor', code: 'invalid_cursor' }] });
  }
  return { createdAt: c.c, id: c.id };
}

/** A refused draft as a problem: duplicates and taken numbers are conflicts (409), the rest validation (422). */
export function placementProblem(outcome: Extract<PlaceOrderOutcome, { ok: false }>): ProblemException {
  const errors = outcome.errors;
  const duplicate = errors.find((e) => e.code === 'duplicate');
  if (duplicate) return new ProblemException(409, 'order.duplicate', duplicate.message, { errors, duplicateOf: outcome.duplicateOf ?? null });
  const taken = errors.find((e) => e.code === 'taken');
  if (taken) return new ProblemException(409, 'order.number_taken', taken.message, { errors });
  return new ProblemException(422, 'order.invalid', errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are invalid`, { errors });
}

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('settings')
  @RequirePermissions('orders.read')
  @ApiOperation({ summary: 'Your order settings: modification window and duplicate handling' })
  @ApiOkResponse({ type: OrderSettingsDto })
  settings(@CurrentPrincipal() principal: Principal): Promise<OrderSettings> {
    return this.queries.execute(new GetOrderSettings(ordersActor(principal).companyId));
  }

  @Put('settings')
  @RequirePermissions('orders.write')
  @ApiOperation({ summary: 'Change order settings (audited)', description: 'duplicateMode reject refuses a duplicate (409 order.duplicate with duplicateOf); flag keeps it with duplicateOf set.' })
  @ApiOkResponse({ type: OrderSettingsDto })
  @ApiProblems(422)
  putSettings(@CurrentPrincipal() principal: Principal, @Body() body: OrderSettingsDto): Promise<OrderSettings> {
    return this.commands.execute(new UpdateOrderSettings(ordersActor(principal), { ...body }));
  }

  @Get('export')
  @RequirePermissions('orders.read')
  @ApiOperation({ summary: 'Stream the orders matching the filters as CSV (newest first)', description: 'Rows are written as they are read, in keyset batches. Cells that start with = + - @ are prefixed with \' (CSV injection).' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv', schema: { type: 'string' } })
  exportCsv(@CurrentPrincipal() principal: Principal, @Query() query: OrderFiltersDto, @Res() reply: FastifyReply): void {
    const companyId = ordersActor(principal).companyId;
    const filters = filtersOf(query);
    const queries = this.queries;
    async function* lines(): AsyncGenerator<string> {
      yield '\ufeff' + exportHeader();
      let after: { createdAt: string; id: string } | undefined;
      for (;;) {
        const batch = await queries.execute<ListOrders, OrderSummaryRow[]>(new ListOrders(companyId, filters, EXPORT_BATCH, after));
        if (batch.length) yield batch.map(exportRow).join('');
        if (batch.length < EXPORT_BATCH) return;
        const last = batch[batch.length - 1];
        after = { createdAt: last.createdAt.toISOString(), id: last.id };
      }
    }
    const stamp = new Date().toISOString().slice(0, 10);
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="orders-${stamp}.csv"`).send(Readable.from(lines()));
  }

  @Post()
  @HttpCode(201)
  @Idempotent()
  @RequirePermissions('orders.write')
  @ApiOperation({
    summary: 'Place an order (B2C or B2B)',
    description:
      'Validated field by field (errors[] with paths such as items[0].quantity). Warehouse: the one named, else the first matching routing rule, else the default. ' +
      'Duplicates (same channel order id, or same buyer phone + total + items within the window) are refused (409 order.duplicate) or flagged per settings.',
  })
  @ApiBody({ type: OrderDraftDto })
  @ApiCreatedResponse({ type: OrderDto, description: 'The order with its warehouse, routing decision and address quality' })
  @ApiProblems(409, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: Record<string, unknown>) {
    const actor = ordersActor(principal);
    const result = await this.commands.execute<PlaceOrders, PlacementResult>(
      new PlaceOrders({ companyId: actor.companyId, actorUserId: actor.userId, drafts: [body], mode: 'all_or_nothing', defaultChannel: 'api' }),
    );
    const outcome = result.outcomes[0];
    if (!outcome.ok) throw placementProblem(outcome);
    return this.view(actor.companyId, outcome.orderId);
  }

  @Get()
  @RequirePermissions('orders.read')
  @ApiOperation({ summary: 'List orders, newest first, with filters and search' })
  @ApiOkResponse({ type: OrderPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListOrdersQueryDto) {
    const limit = query.limit ?? 20;
    const rows = await this.queries.execute<ListOrders, OrderSummaryRow[]>(new ListOrders(ordersActor(principal).companyId, filtersOf(query), limit + 1, keysetCursor(query.cursor)));
    const page = toPage(rows, limit, (r) => ({ c: r.createdAt.toISOString(), id: r.id }));
    return { items: page.items.map(orderSummaryView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermissions('orders.read')
  @ApiOperation({ summary: 'Order details with status history, address quality and routing' })
  @ApiOkResponse({ type: OrderDto, description: 'The order; ETag carries its version' })
  @ApiProblems(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', orderId) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.view(ordersActor(principal).companyId, id);
    reply.header('etag', `"${view.version}"`);
    return view;
  }

  @Patch(':id')
  @RequirePermissions('orders.write')
  @ApiOperation({
    summary: 'Edit an order within the modification window, before shipping',
    description: 'Send the fields to change (objects such as buyer merge). expectedVersion (or If-Match) is required: a stale one is 409 concurrency.stale_version. Outside the window: 409 order.modification_window_closed.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version from GET (ETag)' })
  @ApiBody({ type: UpdateOrderDto })
  @ApiOkResponse({ type: OrderDto, description: 'The updated order' })
  @ApiProblems(404, 409, 422, 428)
  async update(@CurrentPrincipal() principal: Principal, @Param('id', orderId) id: string, @Body() body: Record<string, unknown>, @Headers('if-match') ifMatch?: string) {
    const actor = ordersActor(principal);
    const { expectedVersion, ...patch } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const fromHeader = ifMatch ? Number(/^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim())?.[1]) : undefined;
    const version = typeof expectedVersion === 'number' ? expectedVersion : fromHeader;
    if (version === undefined || !Number.isInteger(version)) {
      throw new ProblemException(428, 'order.version_required', 'Send expectedVersion in the body or If-Match: "<version>" (from GET /v1/orders/{id}).', {
        errors: [{ field: 'expectedVersion', code: 'required', message: 'is required (or If-Match)' }],
      });
    }
    await this.commands.execute(new UpdateOrder(actor, id, patch, version));
    return this.view(actor.companyId, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermissions('orders.write')
  @ApiOperation({ summary: 'Cancel an order (soft, with a reason); not once shipped' })
  @ApiOkResponse({ type: OrderDto, description: 'The cancelled order' })
  @ApiProblems(404, 409, 422)
  async cancel(@CurrentPrincipal() principal: Principal, @Param('id', orderId) id: string, @Body() body: CancelOrderDto) {
    const actor = ordersActor(principal);
    await this.commands.execute(new CancelOrder(actor, id, body.reason, body.expectedVersion));
    return this.view(actor.companyId, id);
  }

  private async view(companyId: string, id: string) {
    const [details, settings] = await Promise.all([
      this.queries.execute<GetOrder, OrderDetails>(new GetOrder(companyId, id)),
      this.queries.execute<GetOrderSettings, OrderSettings>(new GetOrderSettings(companyId)),
    ]);
    return orderView(details, settings.modificationWindowMinutes);
  }
}
