import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageMeta, PageQuery } from '@shipcrowd/platform';
import { BATCH_ITEM_STATUSES, BATCH_STATUSES, MAX_BATCH_ORDERS } from '../../domain/shipment-batch';
import { BookShipmentDto } from './shipments.dto';

/** courier and service as for one booking, applied to every order. */
export class StartShipmentBatchDto extends OmitType(BookShipmentDto, ['orderId'] as const) {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BATCH_ORDERS, uniqueItems: true, description: `The orders to book (1-${MAX_BATCH_ORDERS}, each once)` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ORDERS)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  orderIds!: string[];
}

export class ShipmentBatchAcceptedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'queued' }) status!: string;
  @ApiProperty({ example: 3, description: 'Orders in the batch' }) total!: number;
  @ApiProperty({ example: '/v1/shipment-batches/0193…', description: 'Poll this, or follow /events' }) statusUrl!: string;
  @ApiProperty({ example: '/v1/shipment-batches/0193…/events' }) eventsUrl!: string;
}

export class BatchFailureDto {
  @ApiProperty({ example: 'shipment.already_booked' }) code!: string;
  @ApiProperty({ example: 'Order SC-1042 already has a live shipment (AWB 1490000012345); cancel it before booking again.' }) message!: string;
}

export class ShipmentBatchDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: BATCH_STATUSES, description: 'failed: the batch itself stopped (see error); failed orders alone make it completed_with_errors' }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Courier asked for (null: per order, as for one booking)' }) courier!: string | null;
  @ApiProperty({ type: String, nullable: true }) service!: string | null;
  @ApiProperty({ example: 3 }) total!: number;
  @ApiProperty({ example: 2, description: 'Orders with a result so far' }) processed!: number;
  @ApiProperty({ example: 1, description: 'Orders booked' }) succeeded!: number;
  @ApiProperty({ example: 1, description: 'Orders not booked (why: in /items?result=failed)' }) failed!: number;
  @ApiProperty({ type: BatchFailureDto, nullable: true, description: 'Why the batch stopped (status failed)' }) error!: BatchFailureDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class ShipmentBatchPageDto extends PageMeta {
  @ApiProperty({ type: [ShipmentBatchDto] }) items!: ShipmentBatchDto[];
}

export class ShipmentBatchItemDto {
  @ApiProperty({ example: 1, description: 'Place of the order in the request (from 1)' }) position!: number;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ enum: BATCH_ITEM_STATUSES }) status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) shipmentId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1490000012345' }) awb!: string | null;
  @ApiProperty({ type: String, nullable: true }) courier!: string | null;
  @ApiProperty({ type: String, nullable: true }) service!: string | null;
  @ApiProperty({ type: BatchFailureDto, nullable: true, description: 'Why the order was not booked (the error code a single booking would give)' }) error!: BatchFailureDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class ShipmentBatchItemPageDto extends PageMeta {
  @ApiProperty({ type: [ShipmentBatchItemDto] }) items!: ShipmentBatchItemDto[];
}

export class ListShipmentBatchItemsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ['ok', 'failed'], description: 'ok: booked orders only; failed: orders not booked only' }) @IsOptional() @IsIn(['ok', 'failed']) result?: 'ok' | 'failed';
}
