import '@fastify/multipart';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, CurrentPrincipal, decodeCursor, Page, pageLimit, PlatformAdminOnly, Principal, ProblemException, toPage } from '@shipcrowd/platform';
import { SetTransitTimes } from '../../application/commands/set-transit-times/set-transit-times.command';
import { StartCoverageUpload } from '../../application/commands/start-coverage-upload/start-coverage-upload.command';
import { SyncCourierCoverage } from '../../application/commands/sync-courier-coverage/sync-courier-coverage.command';
import type { CourierCoverageReport } from '../../application/queries/get-coverage-report/get-coverage-report.handler';
import { GetCoverageReport } from '../../application/queries/get-coverage-report/get-coverage-report.query';
import { GetCoverageUpload } from '../../application/queries/get-upload/get-upload.query';
import { ListSyncRuns } from '../../application/queries/list-sync-runs/list-sync-runs.query';
import type { TransitMatrixRow } from '../../application/queries/list-transit-times/list-transit-times.handler';
import { ListTransitTimes } from '../../application/queries/list-transit-times/list-transit-times.query';
import type { SyncRunRecord, UploadRecord } from '../../infrastructure/persistence/serviceability-records';
import {
  CoverageReportDto,
  CoverageReportQueryDto,
  CoverageUploadDto,
  SetTransitTimesDto,
  StartSyncDto,
  SyncRunDto,
  SyncRunPageDto,
  SyncRunsQueryDto,
  TransitMatrixDto,
  UploadQueryDto,
} from './serviceability.dto';
import { actorOf, syncRunView, uploadView } from './views';

/** Largest coverage CSV accepted (a full network of ~20,000 pincodes x 20 services is ~25 MB). */
export const COVERAGE_UPLOAD_MAX_BYTES = 100 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type MultipartRequest = FastifyRequest & {
  isMultipart(): boolean;
  file(options?: { limits?: { fileSize?: number } }): Promise<{ fieldname: string; filename: string; fields: Record<string, unknown>; toBuffer(): Promise<Buffer> } | undefined>;
};

@ApiTags('serviceability')
@Controller('v1/admin/serviceability')
@PlatformAdminOnly()
export class AdminServiceabilityController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('uploads')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload courier coverage as CSV (runs as a job)',
    description:
      'Multipart field `file`: header courier,service,pincode,prepaid,cod,pickup,reverse,oda,max_weight_grams,max_cod_paise; flags Y/N, true/false or 1/0; empty limit = none. `mode` (query or form field): merge (default) adds and updates lanes; replace also removes every stored lane of the couriers/services in the file that the file does not list. Every row is validated; any invalid or duplicate row and nothing is applied (see errors[] with row numbers). Follow GET /v1/admin/serviceability/uploads/{id}.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, mode: { type: 'string', enum: ['merge', 'replace'] } } } })
  @ApiAcceptedResponse({ type: CoverageUploadDto })
  @ApiProblems(413, 415, 422)
  async upload(@CurrentPrincipal() principal: Principal, @Req() request: MultipartRequest, @Query() query: UploadQueryDto): Promise<CoverageUploadDto> {
    if (typeof request.isMultipart !== 'function' || !request.isMultipart()) throw new ProblemException(415, 'request.multipart_required', 'Send the CSV as multipart/form-data in a field named file.');
    const part = await request.file({ limits: { fileSize: COVERAGE_UPLOAD_MAX_BYTES } });
    if (!part || part.fieldname !== 'file') throw new ProblemException(422, 'serviceability.upload_file_missing', 'Send the CSV in a multipart field named file.', { errors: [{ field: 'file', message: 'is required', code: 'required' }] });
    const fieldMode = (part.fields.mode as { value?: unknown } | undefined)?.value;
    const mode = query.mode ?? (fieldMode === undefined ? 'merge' : String(fieldMode));
    if (mode !== 'merge' && mode !== 'replace') throw new ProblemException(422, 'validation.failed', 'mode must be merge or replace', { errors: [{ field: 'mode', message: 'must be merge or replace', code: 'isIn' }] });
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ProblemException(413, 'serviceability.upload_too_large', `The file must be at most ${COVERAGE_UPLOAD_MAX_BYTES} bytes.`);
      throw error;
    }
    const { id } = await this.commands.execute<StartCoverageUpload, { id: string }>(new StartCoverageUpload(actorOf(principal), bytes, part.filename || null, mode));
    return this.getUpload(id);
  }

  @Get('uploads/:id')
  @ApiOperation({ summary: 'A coverage upload: status, processed rows, counts added/updated/removed, row-numbered errors' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CoverageUploadDto })
  @ApiProblems(404)
  async getUpload(@Param('id') id: string): Promise<CoverageUploadDto> {
    if (!UUID.test(id)) throw new ProblemException(404, 'coverage_upload.not_found', `Coverage upload ${id} was not found`);
    return uploadView(await this.queries.execute<GetCoverageUpload, UploadRecord>(new GetCoverageUpload(id)));
  }

  @Post('syncs')
  @ApiOperation({ summary: 'Sync a courier’s published pincode list now (delta: only changes are applied)', description: 'Answers the recorded run; a courier API failure gives status failed with the error.' })
  @ApiCreatedResponse({ type: SyncRunDto })
  @ApiProblems(422)
  async sync(@CurrentPrincipal() principal: Principal, @Body() body: StartSyncDto): Promise<SyncRunDto> {
    return syncRunView(await this.commands.execute<SyncCourierCoverage, SyncRunRecord>(new SyncCourierCoverage(body.courier, 'manual', principal.userId)));
  }

  @Get('syncs')
  @ApiOperation({ summary: 'Sync runs, newest first' })
  @ApiOkResponse({ type: SyncRunPageDto })
  async syncs(@Query() query: SyncRunsQueryDto): Promise<Page<SyncRunDto>> {
    const limit = pageLimit(query);
    const before = decodeCursor<{ startedAt: string; id: string }>(query.cursor);
    const rows = await this.queries.execute<ListSyncRuns, SyncRunRecord[]>(new ListSyncRuns(limit + 1, before, query.courier));
    return toPage(rows.map(syncRunView), limit, (r) => ({ startedAt: r.startedAt, id: r.id }));
  }

  @Get('coverage-report')
  @ApiOperation({ summary: 'Share of all directory pincodes each courier serves (prepaid / COD / pickup), overall and by GST state', description: '?format=csv for a spreadsheet (one row per courier and scope).' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CoverageReportDto })
  async coverageReport(@Query() query: CoverageReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.queries.execute<GetCoverageReport, { directoryPincodes: number; couriers: CourierCoverageReport[] }>(new GetCoverageReport());
    if (query.format !== 'csv') return report;
    const rows = report.couriers.flatMap((c) => [{ scope: 'overall', ...c.overall }, ...c.states.map((s) => ({ scope: s.gstStateCode, ...s }))].map((s) => [c.courier, c.name, s.scope, s.pincodes, s.prepaid, s.prepaidShare, s.cod, s.codShare, s.pickup, s.pickupShare]));
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="coverage-report.csv"');
    return stringify([['courier', 'name', 'gst_state_code', 'pincodes', 'prepaid', 'prepaid_share', 'cod', 'cod_share', 'pickup', 'pickup_share'], ...rows]);
  }

  @Put('transit-times')
  @ApiOperation({ summary: 'Set transit days for courier/service/zone cells (others unchanged); audited' })
  @ApiOkResponse({ type: TransitMatrixDto })
  @ApiProblems(422)
  async setTransitTimes(@CurrentPrincipal() principal: Principal, @Body() body: SetTransitTimesDto): Promise<{ items: TransitMatrixRow[] }> {
    await this.commands.execute(new SetTransitTimes(actorOf(principal), body.entries));
    return { items: await this.queries.execute(new ListTransitTimes()) };
  }
}
