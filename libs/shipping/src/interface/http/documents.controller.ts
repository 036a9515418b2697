import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { COURIERS } from '@shipcrowd/couriers/contracts';
import { isUuid } from '@shipcrowd/kernel';
import { ApiProblems, companyOf, CurrentPrincipal, decodeCursor, Idempotent, PageMeta, PageQuery, pageLimit, Principal, ProblemException, RequirePermissions } from '@shipcrowd/platform';
import { CreateManifest } from '../../application/commands/create-manifest/create-manifest.command';
import type { ManifestRecord } from '../../application/commands/create-manifest/create-manifest.command';
import { GetManifest, ListManifests } from '../../application/queries/list-manifests/list-manifests.query';
import { FetchCourierLabel } from '../../application/queries/fetch-courier-label/fetch-courier-label.query';
import { PrintCommercialInvoice } from '../../application/queries/print-commercial-invoice/print-commercial-invoice.query';
import { PrintLabels } from '../../application/queries/print-labels/print-labels.query';
import { PrintProofOfDelivery } from '../../application/queries/print-proof-of-delivery/print-proof-of-delivery.query';

const COURIER_CODES = COURIERS.map((c) => c.code);
const FORMATS = ['4x6', 'a4'] as const;

export class LabelFormatQueryDto {
  @ApiPropertyOptional({
    enum: FORMATS,
    description: '4x6 inch thermal (one label a page) or A4 with four labels a page. A size the courier does not accept (its labelSizes capability) is refused with 422 label.size_unsupported; when omitted, 4x6 where every courier accepts it, else A4.',
  })
  @IsOptional()
  @IsIn(FORMATS)
  format?: '4x6' | 'a4';
}

const SOURCES = ['shipcrowd', 'courier'] as const;

export class ShipmentLabelQueryDto extends LabelFormatQueryDto {
  @ApiPropertyOptional({
    enum: SOURCES,
    default: 'shipcrowd',
    description: "shipcrowd: printed here with the company's branding; courier: the courier's own label PDF (capability courierLabel, else 422 courier.capability_unsupported), fetched once and then served from storage. format applies to shipcrowd labels only.",
  })
  @IsOptional()
  @IsIn(SOURCES)
  source?: 'shipcrowd' | 'courier';
}

export class PrintLabelsDto extends LabelFormatQueryDto {
  @ApiProperty({ type: [String], description: 'Up to 500 shipments; labels come in this order (one per box)' })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  shipmentIds!: string[];
}

export class CreateManifestDto {
  @ApiProperty({ enum: COURIER_CODES }) @IsIn(COURIER_CODES) courier!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId!: string;
  @ApiPropertyOptional({ type: [String], description: 'Shipments to list (max 500); all of this courier’s shipments at the warehouse not yet on a manifest when omitted' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  shipmentIds?: string[];
}

export class ManifestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MF-261122-3F9A1C' }) manifestNumber!: string;
  @ApiProperty() courier!: string;
  @ApiProperty({ format: 'uuid' }) warehouseId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) pickupId!: string | null;
  @ApiProperty({ type: [String] }) shipmentIds!: string[];
  @ApiProperty() shipmentCount!: number;
  @ApiProperty({ description: 'Paise' }) codTotalPaise!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Signed link to the PDF; expires after an hour (GET the manifest again for a fresh one)' }) documentUrl!: string;
}

export class ManifestPageDto extends PageMeta {
  @ApiProperty({ type: [ManifestDto], description: 'Without documentUrl; GET one manifest for its link' }) items!: ManifestDto[];
}

function sendPdf(reply: FastifyReply, pdf: Buffer, filename: string): FastifyReply {
  return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${filename}"`).header('cache-control', 'private, no-store').send(pdf);
}

@ApiTags('shipments')
@Controller('v1')
export class DocumentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('shipments/:id/label')
  @RequirePermissions('shipments.read')
  @ApiOperation({
    summary: 'Shipping label as PDF',
    description: "Company branding, Code128 AWB and order barcodes, routing code, COD amount, return address; one label per box. With source=courier, the courier's own label instead.",
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(404, 409, 422, 503)
  async label(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: ShipmentLabelQueryDto, @Res() reply: FastifyReply) {
    if (!isUuid(id)) throw new ProblemException(404, 'shipment.not_found', 'Not found.');
    if (query.source === 'courier') {
      const pdf: Buffer = await this.queries.execute(new FetchCourierLabel(companyOf(principal), id));
      return sendPdf(reply, pdf, `courier-label-${id}.pdf`);
    }
    const pdf: Buffer = await this.queries.execute(new PrintLabels(companyOf(principal), [id], query.format));
    return sendPdf(reply, pdf, `label-${id}.pdf`);
  }

  @Get('shipments/:id/return-label')
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'Return (RTO) label as PDF', description: 'For a shipment on its way back: addressed to the warehouse, marked RTO, nothing to collect.' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(404, 409, 422)
  async returnLabel(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: LabelFormatQueryDto, @Res() reply: FastifyReply) {
    if (!isUuid(id)) throw new ProblemException(404, 'shipment.not_found', 'Not found.');
    const pdf: Buffer = await this.queries.execute(new PrintLabels(companyOf(principal), [id], query.format, 'rto'));
    return sendPdf(reply, pdf, `return-label-${id}.pdf`);
  }

  @Get('shipments/:id/proof-of-delivery')
  @RequirePermissions('shipments.read')
  @ApiOperation({ summary: 'Proof of delivery as PDF', description: 'The delivery scan and the whole timeline of a delivered shipment; 409 before delivery.' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(404, 409)
  async proofOfDelivery(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() reply: FastifyReply) {
    if (!isUuid(id)) throw new ProblemException(404, 'shipment.not_found', 'Not found.');
    const pdf: Buffer = await this.queries.execute(new PrintProofOfDelivery(companyOf(principal), id));
    return sendPdf(reply, pdf, `proof-of-delivery-${id}.pdf`);
  }

  @Get('shipments/:id/commercial-invoice')
  @RequirePermissions('shipments.read')
  @ApiOperation({
    summary: 'GST commercial (tax) invoice of a B2B shipment as PDF',
    description:
      "The order's invoice number and date, seller (pickup warehouse's GSTIN) and buyer GSTINs, HSN and GST rate per item; CGST + SGST when the warehouse and the delivery pincode are in one state, else IGST. An item without a recorded rate prints as 'not recorded' with no tax. 422 shipment.not_b2b for a B2C shipment, 422 invoice.seller_gstin_missing when the warehouse has no GSTIN, 409 before booking.",
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(404, 409, 422)
  async commercialInvoice(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() reply: FastifyReply) {
    if (!isUuid(id)) throw new ProblemException(404, 'shipment.not_found', 'Not found.');
    const pdf: Buffer = await this.queries.execute(new PrintCommercialInvoice(companyOf(principal), id));
    return sendPdf(reply, pdf, `commercial-invoice-${id}.pdf`);
  }

  @Post('labels')
  @HttpCode(200)
  @RequirePermissions('shipments.read')
  @ApiTags('shipments')
  @ApiOperation({ summary: 'Labels of up to 500 shipments merged into one PDF', description: 'In the order given; printed in parallel on pooled Chromium pages.' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(422)
  async labels(@CurrentPrincipal() principal: Principal, @Body() body: PrintLabelsDto, @Res() reply: FastifyReply) {
    const pdf: Buffer = await this.queries.execute(new PrintLabels(companyOf(principal), body.shipmentIds, body.format));
    return sendPdf(reply, pdf, `labels-${body.shipmentIds.length}.pdf`);
  }

  @Post('manifests')
  @RequirePermissions('shipments.write')
  @Idempotent()
  @ApiTags('manifests')
  @ApiOperation({ summary: 'Create a courier manifest (handover list) as PDF', description: 'AWBs with barcodes, order numbers, COD amounts and weights, totals and signature boxes; booked shipments become manifested.' })
  @ApiCreatedResponse({ type: ManifestDto })
  @ApiProblems(404, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateManifestDto): Promise<ManifestRecord> {
    return this.commands.execute(new CreateManifest({ companyId: companyOf(principal), userId: principal.userId }, body.courier, body.warehouseId, body.shipmentIds));
  }

  @Get('manifests')
  @RequirePermissions('shipments.read')
  @ApiTags('manifests')
  @ApiOperation({ summary: 'Manifests, newest first' })
  @ApiOkResponse({ type: ManifestPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery) {
    const cursor = decodeCursor<{ before?: string }>(query.cursor);
    return this.queries.execute(new ListManifests(companyOf(principal), pageLimit(query), cursor?.before ? new Date(cursor.before) : undefined));
  }

  @Get('manifests/:id')
  @RequirePermissions('shipments.read')
  @ApiTags('manifests')
  @ApiOperation({ summary: 'One manifest with a fresh signed link to its PDF' })
  @ApiOkResponse({ type: ManifestDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ManifestRecord> {
    return this.queries.execute(new GetManifest(companyOf(principal), id));
  }
}
