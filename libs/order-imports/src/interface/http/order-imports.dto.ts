import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@shipcrowd/platform';

export class ImportErrorSummaryDto {
  @ApiProperty({ example: 'import.too_many_rows' }) code!: string;
  @ApiProperty({ example: 'The file has more than 10000 rows; split it into files of at most 10000 rows. Nothing was imported.' }) message!: string;
}

export class RollbackResultDto {
  @ApiProperty({ example: 42 }) cancelled!: number;
  @ApiProperty({ example: [], description: 'Orders that had already shipped (or were otherwise past cancelling)', type: 'array', items: { type: 'object', properties: { orderId: { type: 'string' }, orderNumber: { type: 'string' }, status: { type: 'string' } } } })
  notCancellable!: { orderId: string; orderNumber: string; status: string }[];
}

export class ImportTimingsDto {
  @ApiProperty({ example: 120, nullable: true, type: Number }) queuedMs!: number | null;
  @ApiProperty({ example: 900, nullable: true, type: Number }) validatingMs!: number | null;
  @ApiProperty({ example: 2100, nullable: true, type: Number }) importingMs!: number | null;
  @ApiProperty({ example: 3120, nullable: true, type: Number }) totalMs!: number | null;
}

export class OrderImportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'orders-nov.csv' }) fileName!: string;
  @ApiProperty({ example: 52311 }) fileSize!: number;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format!: string;
  @ApiProperty({ enum: ['all_or_nothing', 'valid_only'] }) mode!: string;
  @ApiProperty({ enum: ['queued', 'validating', 'importing', 'completed', 'failed', 'rolled_back'] }) status!: string;
  @ApiProperty({ example: 250, nullable: true, type: Number, description: 'Data rows (one per order item); known once the file is read' }) totalRows!: number | null;
  @ApiProperty({ example: 250, description: 'Rows validated/written so far' }) processed!: number;
  @ApiProperty({ example: 247, description: 'Rows whose order was created' }) succeeded!: number;
  @ApiProperty({ example: 3, description: 'Rows not imported (their problems are in the error report)' }) failed!: number;
  @ApiProperty({ example: 120 }) ordersCreated!: number;
  @ApiProperty({ type: ImportErrorSummaryDto, nullable: true }) error!: ImportErrorSummaryDto | null;
  @ApiProperty({ type: RollbackResultDto, nullable: true }) rollback!: RollbackResultDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) validatedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) rolledBackAt!: string | null;
  @ApiProperty({ type: ImportTimingsDto }) timings!: ImportTimingsDto;
}

export class OrderImportPageDto extends PageMeta {
  @ApiProperty({ type: [OrderImportDto] }) items!: OrderImportDto[];
}

export class ImportAcceptedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'queued' }) status!: string;
  @ApiProperty({ example: '/v1/order-imports/0193…', description: 'Poll this, or follow /events' }) statusUrl!: string;
  @ApiProperty({ example: '/v1/order-imports/0193…/events' }) eventsUrl!: string;
}
