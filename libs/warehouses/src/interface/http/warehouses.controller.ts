import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { isUuid } from '@shipcrowd/kernel';
import { ApiProblems, companyOf, CurrentPrincipal, Principal, ProblemException, RequirePermissions } from '@shipcrowd/platform';
import type { Actor } from '../../application/actor';
import { CreateWarehouse } from '../../application/commands/create-warehouse/create-warehouse.command';
import { DeleteWarehouse } from '../../application/commands/delete-warehouse/delete-warehouse.command';
import { ImportWarehouses, ImportWarehousesResult } from '../../application/commands/import-warehouses/import-warehouses.command';
import { SetDefaultWarehouse } from '../../application/commands/set-default-warehouse/set-default-warehouse.command';
import { SetWarehouseActive } from '../../application/commands/set-warehouse-active/set-warehouse-active.command';
import { UpdateWarehouse } from '../../application/commands/update-warehouse/update-warehouse.command';
import { GetWarehouse } from '../../application/queries/get-warehouse/get-warehouse.query';
import { ListWarehouses } from '../../application/queries/list-warehouses/list-warehouses.query';
import type { WarehouseDetailView } from '../../application/warehouse-view';
import { MAX_WAREHOUSES_PER_COMPANY } from '../../domain/warehouse';
import { WAREHOUSE_CSV_COLUMNS, WAREHOUSE_CSV_REQUIRED } from '../../domain/warehouse-csv';
import { readWarehouseCsv, warehouseCsvStream } from '../../infrastructure/adapters/warehouse-csv-file';
import { CreateWarehouseDto, ListWarehousesQueryDto, UpdateWarehouseDto, VersionDto, WarehouseDto, WarehouseImportResultDto, WarehouseListDto } from './warehouses.dto';
import { exportRecord } from './warehouses-csv-export';

/** 50 warehouses fit in far less; anything bigger is not a warehouses file. */
const IMPORT_MAX_BYTES = 512 * 1024;

type MultipartRequest = FastifyRequest & {
  isMultipart(): boolean;
  file(options?: { limits?: { fileSize?: number } }): Promise<{ fieldname: string; toBuffer(): Promise<Buffer> } | undefined>;
};

function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, companyId: companyOf(principal), via: principal.via };
}

function warehouseId(id: string): string {
  if (!isUuid(id)) throw new ProblemException(404, 'warehouse.not_found', 'No such warehouse.');
  return id;
}

@ApiTags('warehouses')
@Controller('v1/warehouses')
export class WarehousesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('warehouses.read')
  @ApiOperation({ summary: "The company's warehouses (pickup locations), oldest first", description: `At most ${MAX_WAREHOUSES_PER_COMPANY} per company, so the list is not paged. Deleted ones are not listed.` })
  @ApiOkResponse({ type: WarehouseListDto })
  async listWarehouses(@CurrentPrincipal() principal: Principal, @Query() query: ListWarehousesQueryDto): Promise<{ items: WarehouseDetailView[] }> {
    return { items: await this.queries.execute(new ListWarehouses(companyOf(principal), query.active)) };
  }

  @Post()
  @RequirePermissions('warehouses.manage')
  @ApiOperation({
    summary: 'Add a warehouse',
    description: `City, state, GST state code and coordinates come from the pincode directory. The first warehouse becomes the default. At most ${MAX_WAREHOUSES_PER_COMPANY} per company; codes are company-unique.`,
  })
  @ApiCreatedResponse({ type: WarehouseDto })
  @ApiProblems(409, 422)
  async createWarehouse(@CurrentPrincipal() principal: Principal, @Body() body: CreateWarehouseDto): Promise<WarehouseDetailView> {
    const { makeDefault, ...input } = body;
    const id = await this.commands.execute<CreateWarehouse, string>(new CreateWarehouse(actorOf(principal), input, makeDefault ?? false));
    return this.queries.execute(new GetWarehouse(companyOf(principal), id));
  }

  @Get('export')
  @RequirePermissions('warehouses.read')
  @ApiOperation({ summary: 'Export the warehouses as CSV (the import format plus city, state, GST state code and coordinates)', description: 'Text cells that look like spreadsheet formulas are prefixed with an apostrophe.' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV (UTF-8 with BOM) with a header row', content: { 'text/csv': { schema: { type: 'string', example: `${WAREHOUSE_CSV_COLUMNS.join(',')},city,state,gst_state_code,latitude,longitude\r\n` } } } })
  async exportWarehouses(@CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const rows = await this.queries.execute<ListWarehouses, WarehouseDetailView[]>(new ListWarehouses(companyOf(principal)));
    return new StreamableFile(warehouseCsvStream(rows.map(exportRecord)), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="warehouses.csv"' });
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermissions('warehouses.manage')
  @ApiOperation({
    summary: 'Import warehouses from CSV (all or nothing; rows matched by code are updated)',
    description:
      `Multipart field \`file\`: UTF-8 CSV with a header row. Columns: ${WAREHOUSE_CSV_COLUMNS.join(', ')} (required: ${WAREHOUSE_CSV_REQUIRED.join(', ')}). ` +
      'hours_<day> is HH:MM-HH:MM or closed; is_default/active are true/false. A bad row rejects the whole file with a 422 whose errors[] name rows[<line>].<column>. ' +
      'Cells starting like a spreadsheet formula (= + - @, except plain numbers and phone numbers) are rejected.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: WarehouseImportResultDto })
  @ApiProblems(409, 413, 415, 422)
  async importWarehouses(@CurrentPrincipal() principal: Principal, @Req() request: MultipartRequest): Promise<ImportWarehousesResult> {
    if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
      throw new ProblemException(415, 'request.multipart_required', 'Send the CSV as multipart/form-data in a field named file.');
    }
    const part = await request.file({ limits: { fileSize: IMPORT_MAX_BYTES } });
    if (!part || part.fieldname !== 'file') {
      throw new ProblemException(422, 'warehouses.file_missing', 'Send the CSV in a multipart field named file.', { errors: [{ field: 'file', message: 'is required', code: 'required' }] });
    }
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ProblemException(413, 'warehouses.file_too_large', `A warehouses file must be at most ${IMPORT_MAX_BYTES} bytes.`);
      throw error;
    }
    return this.commands.execute(new ImportWarehouses(actorOf(principal), readWarehouseCsv(bytes)));
  }

  @Get(':id')
  @RequirePermissions('warehouses.read')
  @ApiOperation({ summary: 'One warehouse' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiProblems(404)
  getWarehouse(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WarehouseDetailView> {
    return this.queries.execute(new GetWarehouse(companyOf(principal), warehouseId(id)));
  }

  @Patch(':id')
  @RequirePermissions('warehouses.manage')
  @ApiOperation({ summary: 'Edit a warehouse', description: 'Fields left out keep their value; operatingHours merge per weekday. A new pincode refreshes city, state, GST state code and coordinates.' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiProblems(404, 409, 422)
  async updateWarehouse(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateWarehouseDto): Promise<WarehouseDetailView> {
    const { version, makeDefault, ...patch } = body;
    await this.commands.execute(new UpdateWarehouse(actorOf(principal), warehouseId(id), patch, version));
    if (makeDefault) await this.commands.execute(new SetDefaultWarehouse(actorOf(principal), id));
    return this.queries.execute(new GetWarehouse(companyOf(principal), id));
  }

  @Put(':id/default')
  @RequirePermissions('warehouses.manage')
  @ApiOperation({ summary: 'Make this the default warehouse', description: 'The previous default stops being it in the same transaction, so there is always exactly one.' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiProblems(404, 409)
  async setDefaultWarehouse(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WarehouseDetailView> {
    await this.commands.execute(new SetDefaultWarehouse(actorOf(principal), warehouseId(id)));
    return this.queries.execute(new GetWarehouse(companyOf(principal), id));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermissions('warehouses.manage')
  @ApiOperation({ summary: 'Deactivate a warehouse (no new orders from it; the default cannot be deactivated)' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiProblems(404, 409)
  deactivateWarehouse(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: VersionDto): Promise<WarehouseDetailView> {
    return this.setActive(principal, id, false, body.version);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermissions('warehouses.manage')
  @ApiOperation({ summary: 'Re-activate a warehouse' })
  @ApiOkResponse({ type: WarehouseDto })
  @ApiProblems(404, 409)
  activateWarehouse(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: VersionDto): Promise<WarehouseDetailView> {
    return this.setActive(principal, id, true, body.version);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('warehouses.manage')
  @ApiOperation({ summary: 'Delete a warehouse no order has used', description: 'A used warehouse answers 409 warehouses.in_use: deactivate it instead. The default can be deleted only when it is the last one.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 409)
  async deleteWarehouse(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.commands.execute(new DeleteWarehouse(actorOf(principal), warehouseId(id)));
  }

  private async setActive(principal: Principal, id: string, active: boolean, version?: number): Promise<WarehouseDetailView> {
    await this.commands.execute(new SetWarehouseActive(actorOf(principal), warehouseId(id), active, version));
    return this.queries.execute(new GetWarehouse(companyOf(principal), id));
  }
}
