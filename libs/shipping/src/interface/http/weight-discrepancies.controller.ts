import '@fastify/multipart';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { isUuid } from '@shipcrowd/kernel';
import {
  ApiProblems,
  companyOf,
  CurrentPrincipal,
  decodeCursor,
  flattenValidationErrors,
  Page,
  pageLimit,
  PlatformAdminOnly,
  Principal,
  ProblemException,
  RequirePermissions,
  validationProblem,
} from '@shipcrowd/platform';
import type { Actor } from '../../application/actor';
import { AcceptWeightDiscrepancy } from '../../application/commands/accept-weight-discrepancy/accept-weight-discrepancy.command';
import { DisputeWeightDiscrepancy, SellerMeasures } from '../../application/commands/dispute-weight-discrepancy/dispute-weight-discrepancy.command';
import { EVIDENCE_PHOTO_MAX_BYTES, MAX_EVIDENCE_PHOTOS } from '../../application/commands/dispute-weight-discrepancy/evidence-photos';
import { ResolveWeightDiscrepancy } from '../../application/commands/resolve-weight-discrepancy/resolve-weight-discrepancy.command';
import { GetWeightDiscrepancy } from '../../application/queries/get-weight-discrepancy/get-weight-discrepancy.query';
import { ListWeightDiscrepancies } from '../../application/queries/list-weight-discrepancies/list-weight-discrepancies.query';
import type { WeightDiscrepancyView } from '../../application/weight-discrepancies/weight-discrepancy-views';
import type { WeightDiscrepancyStatus } from '../../domain/weight-discrepancy';
import type { Keyset } from '../../infrastructure/persistence/weight-discrepancies.store';
import { DISPUTE_FORM_SCHEMA, DisputeMeasuresDto, ListWeightDiscrepanciesQueryDto, ResolveWeightDiscrepancyDto, WeightDiscrepancyDto, WeightDiscrepancyPageDto } from './weight-discrepancies.dto';

const actorOf = (principal: Principal): Actor => ({ companyId: companyOf(principal), userId: principal.userId });

function discrepancyId(id: string): string {
  if (!isUuid(id)) throw new ProblemException(404, 'weight_discrepancy.not_found', 'Not found.');
  return id;
}

function keysetOf(cursor: string | undefined): Keyset | undefined {
  const decoded = decodeCursor<Partial<Record<keyof Keyset, unknown>>>(cursor);
  if (!decoded) return undefined;
  const { openedAt, id } = decoded;
  if (typeof openedAt === 'string' && !Number.isNaN(Date.parse(openedAt)) && isUuid(id)) return { openedAt, id };
  throw new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued', { errors: [{ field: 'cursor', message: 'is not a valid cursor', code: 'invalid_cursor' }] });
}

const filtersOf = (query: ListWeightDiscrepanciesQueryDto) => ({ status: query.status as WeightDiscrepancyStatus[] | undefined, courier: query.courier });

/** The dispute form: photos (file parts named `photos`) and the measures (text parts), limits enforced while reading. */
async function readDisputeForm(request: FastifyRequest): Promise<{ photos: Buffer[]; measures: SellerMeasures }> {
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
    throw new ProblemException(415, 'request.multipart_required', 'Send the dispute as multipart/form-data: photos plus lengthCm, breadthCm, heightCm, weightGrams and note.');
  }
  const photos: Buffer[] = [];
  const fields: Record<string, unknown> = {};
  try {
    for await (const part of request.parts({ limits: { files: MAX_EVIDENCE_PHOTOS, fileSize: EVIDENCE_PHOTO_MAX_BYTES, fields: 10, parts: MAX_EVIDENCE_PHOTOS + 10 } })) {
      if (part.type === 'field') fields[part.fieldname] = part.value;
      else if (part.fieldname === 'photos') photos.push(await part.toBuffer());
      else throw validationProblem([{ field: part.fieldname, message: 'is not a known field', code: 'unknown_field' }]);
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new ProblemException(413, 'weight_discrepancy.photo_too_large', `Each photo may be at most ${EVIDENCE_PHOTO_MAX_BYTES} bytes.`);
    if (code === 'FST_FILES_LIMIT') {
      throw new ProblemException(422, 'weight_discrepancy.photo_count', `Attach at most ${MAX_EVIDENCE_PHOTOS} photos.`, { errors: [{ field: 'photos', message: `needs 1 to ${MAX_EVIDENCE_PHOTOS} images`, code: 'too_many' }] });
    }
    throw error;
  }
  const dto = plainToInstance(DisputeMeasuresDto, fields);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationProblem(flattenValidationErrors(errors));
  const { lengthCm, breadthCm, heightCm, weightGrams, note } = dto;
  return { photos, measures: { lengthCm, breadthCm, heightCm, weightGrams, note: note?.trim() || null } };
}

@ApiTags('weight-discrepancies')
@Controller('v1/weight-discrepancies')
export class WeightDiscrepanciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'Weight discrepancies couriers raised on your shipments, newest first', description: 'Filters: status (comma-separated), courier.' })
  @ApiOkResponse({ type: WeightDiscrepancyPageDto })
  @ApiProblems(422)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListWeightDiscrepanciesQueryDto): Promise<Page<WeightDiscrepancyView>> {
    return this.queries.execute(new ListWeightDiscrepancies(companyOf(principal), filtersOf(query), pageLimit(query), keysetOf(query.cursor)));
  }

  @Get(':id')
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'One weight discrepancy: both weights, the extra charge estimate, the deadline, the dispute evidence (signed photo links)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WeightDiscrepancyDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WeightDiscrepancyView> {
    return this.queries.execute(new GetWeightDiscrepancy(companyOf(principal), discrepancyId(id)));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermissions('shipments.write')
  @ApiOperation({ summary: 'Accept the courier’s weight (open cases, before the deadline)', description: '409 `weight_discrepancy.not_open` or `weight_discrepancy.deadline_passed` otherwise.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WeightDiscrepancyDto })
  @ApiProblems(404, 409)
  accept(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WeightDiscrepancyView> {
    return this.commands.execute(new AcceptWeightDiscrepancy(actorOf(principal), discrepancyId(id)));
  }

  @Post(':id/dispute')
  @HttpCode(200)
  @RequirePermissions('shipments.write')
  @ApiOperation({
    summary: 'Dispute the courier’s weight with photos and your measures (open cases, before the deadline)',
    description:
      `Multipart: 1-${MAX_EVIDENCE_PHOTOS} parts named photos (PNG, JPEG or WebP read from the bytes, at most 5 MB each), lengthCm, breadthCm, heightCm, weightGrams, optional note. ` +
      'A platform admin then resolves it. 409 `weight_discrepancy.not_open` or `weight_discrepancy.deadline_passed` when it can no longer be disputed.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: DISPUTE_FORM_SCHEMA })
  @ApiOkResponse({ type: WeightDiscrepancyDto })
  @ApiProblems(404, 409, 413, 415)
  async dispute(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Req() request: FastifyRequest): Promise<WeightDiscrepancyView> {
    const target = discrepancyId(id);
    const { photos, measures } = await readDisputeForm(request);
    return this.commands.execute(new DisputeWeightDiscrepancy(actorOf(principal), target, photos, measures));
  }
}

/** Shipcrowd staff: disputed cases across companies, and their resolution. */
@ApiTags('weight-discrepancies')
@Controller('v1/admin/weight-discrepancies')
@PlatformAdminOnly()
export class AdminWeightDiscrepanciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Weight discrepancies of every company, newest first', description: 'Usually ?status=disputed: the cases waiting for a decision.' })
  @ApiOkResponse({ type: WeightDiscrepancyPageDto })
  @ApiProblems(422)
  list(@Query() query: ListWeightDiscrepanciesQueryDto): Promise<Page<WeightDiscrepancyView>> {
    return this.queries.execute(new ListWeightDiscrepancies(null, filtersOf(query), pageLimit(query), keysetOf(query.cursor)));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a disputed case for the seller or for the courier, with a note (audited)', description: '409 `weight_discrepancy.not_disputed` when it is not disputed.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WeightDiscrepancyDto })
  @ApiProblems(404, 409)
  resolve(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: ResolveWeightDiscrepancyDto): Promise<WeightDiscrepancyView> {
    return this.commands.execute(new ResolveWeightDiscrepancy(principal.userId, discrepancyId(id), body.outcome, body.note));
  }
}
