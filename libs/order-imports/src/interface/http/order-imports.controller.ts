import { Controller, Get, HttpCode, Inject, Logger, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '@shipcrowd/kernel';
import { ApiProblems, APP_CONFIG, AppConfig, companyOf, CurrentPrincipal, decodeCursor, Page, PageQuery, pageLimit, Principal, ProblemException, RequirePermissions, streamProgressEvents } from '@shipcrowd/platform';
import type { Actor } from '../../application/actor';
import { RollbackOrderImport } from '../../application/commands/rollback-import/rollback-import.command';
import type { RollbackOutcome } from '../../application/commands/rollback-import/rollback-import.handler';
import { StartImport } from '../../application/commands/start-import/start-import.command';
import { ImportView, toImportView } from '../../application/import-view';
import { GetOrderImport } from '../../application/queries/get-import/get-import.query';
import { ListOrderImports } from '../../application/queries/list-imports/list-imports.query';
import { COLUMN_NAMES, IMPORT_COLUMNS, REQUIRED_COLUMNS } from '../../domain/import-columns';
import { IMPORT_MODES, ImportMode, isTerminal } from '../../domain/import-status';
import { OrderImportsStore } from '../../infrastructure/persistence/order-imports.store';
import { errorReportCsv, templateCsv } from './order-imports-csv';
import { ImportAcceptedDto, OrderImportDto, OrderImportPageDto, RollbackResultDto } from './order-imports.dto';

interface MultipartPart {
  type: 'file' | 'field';
  fieldname: string;
  filename?: string;
  value?: unknown;
  toBuffer(): Promise<Buffer>;
}
type MultipartRequest = FastifyRequest & { isMultipart(): boolean; parts(options?: { limits?: { fileSize?: number } }): AsyncIterableIterator<MultipartPart> };

const COLUMNS_DOC = IMPORT_COLUMNS.map((c) => `- \`${c.name}\`${c.required ? ' (required)' : ''} [${c.level}]: ${c.description}`).join('\n');

function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, companyId: companyOf(principal), via: principal.via };
}

function importId(id: string): string {
  if (!isUuid(id)) throw new ProblemException(404, 'order_import.not_found', 'No such order import.');
  return id;
}

@ApiTags('order-imports')
@Controller('v1/order-imports')
export class OrderImportsController {
  private readonly logger = new Logger('order-imports');

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly store: OrderImportsStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(202)
  @RequirePermissions('orders.import')
  @ApiOperation({
    summary: 'Upload orders (CSV or XLSX) to import as a background job',
    description:
      'Multipart: field `file` (CSV in UTF-8 or UTF-16 with BOM, or XLSX: the first sheet), optional field `mode` = `valid_only` (default: write the valid orders, report the rest) or `all_or_nothing` (any bad row = nothing written). ' +
      'The type is read from the bytes. Refused at once (nothing stored): files over ORDER_IMPORT_MAX_BYTES (413), binary non-spreadsheets (415), empty or header-only files, unknown/missing columns, bad encoding, unsafe XLSX archives (422). ' +
      'Row problems (including formula-looking cells such as =CMD(), which are never imported) go to the error report. Follow progress at /v1/order-imports/{id} or /events. Columns: see GET /v1/order-imports/template.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, mode: { type: 'string', enum: [...IMPORT_MODES], default: 'valid_only' } } } })
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  @ApiProblems(413, 415, 422)
  async startOrderImport(@CurrentPrincipal() principal: Principal, @Req() request: MultipartRequest): Promise<ImportAcceptedDto> {
    if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
      throw new ProblemException(415, 'request.multipart_required', 'Send the file as multipart/form-data in a field named file.');
    }
    const max = this.config.ORDER_IMPORT_MAX_BYTES;
    let file: { name: string; bytes: Buffer } | null = null;
    let mode: string = 'valid_only';
    try {
      for await (const part of request.parts({ limits: { fileSize: max } })) {
        if (part.type === 'field' && part.fieldname === 'mode') mode = String(part.value ?? '').trim() || 'valid_only';
        else if (part.type === 'file' && part.fieldname === 'file' && !file) file = { name: part.filename || 'upload', bytes: await part.toBuffer() };
        else if (part.type === 'file') await part.toBuffer();
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ProblemException(413, 'import.file_too_large', `An order import file may be at most ${max} bytes; split it.`);
      throw error;
    }
    if (!(IMPORT_MODES as readonly string[]).includes(mode)) {
      throw new ProblemException(422, 'validation.failed', `mode must be one of ${IMPORT_MODES.join(', ')}`, { errors: [{ field: 'mode', message: `must be one of ${IMPORT_MODES.join(', ')}`, code: 'isIn' }] });
    }
    if (!file) throw new ProblemException(422, 'import.file_missing', 'Send the file in a multipart field named file.', { errors: [{ field: 'file', message: 'is required', code: 'required' }] });
    try {
      const id = await this.commands.execute<StartImport, string>(new StartImport(actorOf(principal), file.name, file.bytes, mode as ImportMode));
      return { id, status: 'queued', statusUrl: `/v1/order-imports/${id}`, eventsUrl: `/v1/order-imports/${id}/events` };
    } catch (error) {
      if ((error as { code?: string }).code === 'import.unsupported_file') throw new ProblemException(415, 'import.unsupported_file', (error as Error).message);
      throw error;
    }
  }

  @Get()
  @RequirePermissions('orders.import')
  @ApiOperation({ summary: "The company's order imports, newest first" })
  @ApiOkResponse({ type: OrderImportPageDto })
  listOrderImports(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<ImportView>> {
    const cursor = decodeCursor<{ createdAt?: unknown; id?: unknown }>(query.cursor);
    if (cursor && (typeof cursor.createdAt !== 'string' || !isUuid(cursor.id))) throw new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued');
    return this.queries.execute(new ListOrderImports(companyOf(principal), pageLimit(query), cursor as { createdAt: string; id: string } | undefined));
  }

  @Get('template')
  @RequirePermissions('orders.import')
  @ApiOperation({
    summary: 'The import template: CSV header and one example row',
    description: `One row per order item; rows with the same order_number are one order (order-level columns from its first row; a later row with a different value is an error). Money is rupees with up to 2 decimals. Weights are KILOGRAMS. XLSX: the same columns on the first sheet.\n\nRequired: ${REQUIRED_COLUMNS.join(', ')}.\n\n${COLUMNS_DOC}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV template', content: { 'text/csv': { schema: { type: 'string', example: `${COLUMN_NAMES.join(',')}\r\n` } } } })
  template(): StreamableFile {
    return new StreamableFile(Buffer.from(templateCsv(), 'utf8'), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="order-import-template.csv"' });
  }

  @Get(':id')
  @RequirePermissions('orders.import')
  @ApiOperation({ summary: 'Status and progress of an import' })
  @ApiOkResponse({ type: OrderImportDto })
  @ApiProblems(404)
  getOrderImport(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ImportView> {
    return this.queries.execute(new GetOrderImport(companyOf(principal), importId(id)));
  }

  @Get(':id/events')
  @RequirePermissions('orders.import')
  @ApiOperation({
    summary: 'Server-Sent Events: progress of an import until it is done',
    description:
      '`progress` events (data: the import as GET /{id} returns it) whenever it changes, then one `done` event, then the stream closes. Works whichever process runs the job (it follows the stored status). ' +
      'If the access token that opened the stream expires first, an `auth_expired` event (data { code: "auth.token_expired", message }) ends it: reconnect with a fresh token.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string', example: 'event: progress\ndata: {"status":"importing","processed":1000,…}\n\n' } } } })
  @ApiProblems(404)
  async orderImportEvents(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const companyId = companyOf(principal);
    await this.queries.execute(new GetOrderImport(companyId, importId(id)));
    await streamProgressEvents(request, reply, {
      read: async () => {
        const row = await this.store.get(companyId, id);
        return row && { version: row.version, data: toImportView(row), done: isTerminal(row.status) };
      },
      failureMessage: 'The progress stream failed; poll GET /v1/order-imports/{id}.',
      onError: (error) => this.logger.error({ err: error, importId: id }, 'import events stream failed'),
      expiresAt: principal.expiresAt,
    });
  }

  @Get(':id/errors')
  @RequirePermissions('orders.import')
  @ApiOperation({ summary: 'The error report as CSV: row, order number, column, code, message and the original cells', description: 'Original cells that look like formulas are prefixed with an apostrophe.' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV (UTF-8 with BOM)', content: { 'text/csv': { schema: { type: 'string', example: 'row,order_number,field,code,message,original_order_number,…\r\n' } } } })
  @ApiProblems(404)
  async orderImportErrors(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<StreamableFile> {
    const companyId = companyOf(principal);
    const row = await this.store.get(companyId, importId(id));
    if (!row) throw new ProblemException(404, 'order_import.not_found', 'No such order import.');
    return new StreamableFile(errorReportCsv(row.header ?? [], this.store.problems(companyId, id)), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="order-import-${id}-errors.csv"` });
  }

  @Post(':id/rollback')
  @HttpCode(200)
  @RequirePermissions('orders.import')
  @ApiOperation({ summary: 'Roll back an import: cancel its orders that have not shipped', description: 'Audited. Orders already past cancelling are listed in notCancellable.' })
  @ApiOkResponse({ type: RollbackResultDto })
  @ApiProblems(404, 409)
  rollbackOrderImport(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<RollbackOutcome> {
    return this.commands.execute(new RollbackOrderImport(actorOf(principal), importId(id)));
  }
}
