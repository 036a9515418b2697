import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageMeta } from '@shipcrowd/platform';
import { ORDER_STATUSES } from '../../domain/order';

// ---- request bodies documented for Swagger; the orders domain validates them (one path for API and imports) ----

export class OrderAddressDto {
  @ApiProperty({ example: 'Flat 12, Sunrise Apartments, 4th Cross' }) line1!: string;
  @ApiPropertyOptional({ type: String, example: 'Indiranagar', nullable: true }) line2?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Near Metro Station', nullable: true }) landmark?: string | null;
  @ApiProperty({ example: 'Bengaluru' }) city!: string;
  @ApiProperty({ example: 'Karnataka' }) state!: string;
  @ApiProperty({ example: '560038' }) pincode!: string;
}

export class OrderBuyerDto {
  @ApiProperty({ example: 'Asha Rao' }) name!: string;
  @ApiProperty({ example: '+91 98765 43210', description: '10-digit Indian number; +91 / 0 prefixes allowed' }) phone!: string;
  @ApiPropertyOptional({ type: String, example: 'asha@example.in', nullable: true }) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) companyName?: string | null;
  @ApiPropertyOptional({ type: String, example: '29ABCDE1234F1Z5', nullable: true, description: 'Required for B2B; format, state code and check character are verified' }) gstin?: string | null;
}

export class OrderItemDto {
  @ApiPropertyOptional({ type: String, example: 'TSHIRT-BLK-M', nullable: true }) sku?: string | null;
  @ApiProperty({ example: 'Black T-shirt (M)' }) name!: string;
  @ApiProperty({ example: 2, minimum: 1 }) quantity!: number;
  @ApiProperty({ example: 49900, description: 'Paise, excluding GST' }) unitPricePaise!: number;
  @ApiPropertyOptional({ type: String, example: '6109', nullable: true }) hsnCode?: string | null;
  @ApiPropertyOptional({ type: Number, example: 5, nullable: true, description: 'GST rate in percent (0, 0.25, 1.5, 3, 5, 12, 18, 28, 40)' }) taxRatePercent?: number | null;
  @ApiPropertyOptional({ type: Number, example: 0, nullable: true }) discountPaise?: number | null;
}

export class OrderPackageDto {
  @ApiProperty({ example: 500 }) weightGrams!: number;
  @ApiProperty({ example: 30 }) lengthCm!: number;
  @ApiProperty({ example: 20 }) breadthCm!: number;
  @ApiProperty({ example: 5 }) heightCm!: number;
}

export class OrderHandlingDto {
  @ApiPropertyOptional() fragile?: boolean;
  @ApiPropertyOptional() liquid?: boolean;
  @ApiPropertyOptional() dangerousGoods?: boolean;
}

export class OrderInsuranceDto {
  @ApiProperty() insured!: boolean;
  @ApiPropertyOptional({ type: Number, example: 250000, nullable: true, description: 'Required when insured (paise)' }) declaredValuePaise?: number | null;
}

export class OrderB2bDto {
  @ApiProperty({ example: 'INV-2026-0042' }) invoiceNumber!: string;
  @ApiProperty({ example: 12500000 }) invoiceValuePaise!: number;
  @ApiPropertyOptional({ type: String, example: '2026-11-20', nullable: true }) invoiceDate?: string | null;
  @ApiPropertyOptional({ enum: ['parcel', 'ptl', 'ftl'], default: 'parcel' }) freightMode?: 'parcel' | 'ptl' | 'ftl';
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Required for heavy freight (over 20 kg, PTL or FTL)' }) boxCount?: number | null;
  @ApiPropertyOptional({ description: 'Heavy freight only' }) appointmentDelivery?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: '123456789012' }) ewaybillNumber?: string | null;
}

export class OrderDraftDto {
  @ApiPropertyOptional({ type: String, description: 'Company-unique; generated (SC-YYMMDD-NNNNN) when absent', nullable: true }) orderNumber?: string | null;
  @ApiPropertyOptional({ type: String, example: 'shopify', description: 'Defaults to api' }) channel?: string | null;
  @ApiPropertyOptional({ type: String, example: '#1001', nullable: true }) channelOrderId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'ISO date-time; defaults to now' }) orderDate?: string | null;
  @ApiPropertyOptional({ enum: ['b2c', 'b2b'], default: 'b2c' }) type?: 'b2c' | 'b2b';
  @ApiProperty({ enum: ['prepaid', 'cod'] }) paymentMode!: 'prepaid' | 'cod';
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'COD only; defaults to the order total, may not exceed it' }) codAmountPaise?: number | null;
  @ApiProperty({ type: OrderBuyerDto }) buyer!: OrderBuyerDto;
  @ApiProperty({ type: OrderAddressDto }) shippingAddress!: OrderAddressDto;
  @ApiPropertyOptional({ type: OrderAddressDto, nullable: true }) billingAddress?: OrderAddressDto | null;
  @ApiProperty({ type: [OrderItemDto] }) items!: OrderItemDto[];
  @ApiProperty({ type: [OrderPackageDto], description: 'One per box' }) packages!: OrderPackageDto[];
  @ApiPropertyOptional({ type: Number, nullable: true }) shippingChargesPaise?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Order-level discount (paise)' }) discountPaise?: number | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Else warehouseCode, else routing rules, else the default warehouse' }) warehouseId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) warehouseCode?: string | null;
  @ApiPropertyOptional({ type: [String] }) tags?: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) notes?: string | null;
  @ApiPropertyOptional({ type: OrderHandlingDto }) handling?: OrderHandlingDto;
  @ApiPropertyOptional({ type: OrderInsuranceDto, nullable: true }) insurance?: OrderInsuranceDto | null;
  @ApiPropertyOptional({ type: OrderB2bDto, nullable: true, description: 'B2B orders only' }) b2b?: OrderB2bDto | null;
}

export class UpdateOrderDto extends OrderDraftDto {
  @ApiPropertyOptional({ description: 'The version you read (or send If-Match: "<version>")' }) expectedVersion?: number;
}

export class CancelOrderDto {
  @ApiProperty({ example: 'Buyer changed their mind', maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ description: 'Optional optimistic check' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}

const csv = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class OrderFiltersDto {
  @ApiPropertyOptional({ description: `Comma-separated: ${ORDER_STATUSES.join(', ')}` })
  @IsOptional()
  @Transform(csv)
  @IsIn(ORDER_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Created before (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ enum: ['prepaid', 'cod'] }) @IsOptional() @IsIn(['prepaid', 'cod']) paymentMode?: 'prepaid' | 'cod';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() warehouseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) channel?: string;
  @ApiPropertyOptional({ description: 'Comma-separated; orders with any of them' }) @IsOptional() @Transform(csv) @IsString({ each: true }) tags?: string[];
  @ApiPropertyOptional({ enum: ['b2c', 'b2b'] }) @IsOptional() @IsIn(['b2c', 'b2b']) type?: 'b2c' | 'b2b';
  @ApiPropertyOptional({ description: 'true: only flagged duplicates; false: none of them' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  duplicate?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Orders of one import' }) @IsOptional() @IsUUID() importId?: string;
  @ApiPropertyOptional({ description: 'Search order number, buyer name, phone, email, AWB (prefixes match)' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export class ListOrdersQueryDto extends OrderFiltersDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) cursor?: string;
}

export class OrderSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() orderNumber!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ type: String, nullable: true }) channelOrderId!: string | null;
  @ApiProperty() type!: string;
  @ApiProperty() paymentMode!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty() buyerPhone!: string;
  @ApiProperty() destinationPincode!: string;
  @ApiProperty() destinationCity!: string;
  @ApiProperty() totalPaise!: number;
  @ApiProperty() codAmountPaise!: number;
  @ApiProperty() weightGrams!: number;
  @ApiProperty() warehouseId!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, nullable: true }) awb!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Set when flagged as a duplicate of that order' }) duplicateOf!: string | null;
  @ApiProperty({ type: Number, nullable: true }) addressScore!: number | null;
  @ApiProperty() createdAt!: string;
}

export class OrderPageDto extends PageMeta {
  @ApiProperty({ type: [OrderSummaryDto] }) items!: OrderSummaryDto[];
}

export class OrderSettingsDto {
  @ApiProperty({ example: 30, description: 'Minutes after creation during which an order may be edited (0-10080)' }) @IsInt() modificationWindowMinutes!: number;
  @ApiProperty({ enum: ['reject', 'flag'] }) @IsIn(['reject', 'flag']) duplicateMode!: 'reject' | 'flag';
  @ApiProperty({ example: 1440, description: 'Same phone + amount + items within this many minutes is a duplicate (1-43200)' }) @IsInt() duplicateWindowMinutes!: number;
}

// ---- responses ----

export class AddressIssueDto {
  @ApiProperty({ example: 'landmark_missing' }) code!: string;
  @ApiProperty({ example: 'landmark' }) field!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ example: 5 }) penalty!: number;
}

export class AddressQualityDto {
  @ApiProperty({ example: 90, minimum: 0, maximum: 100 }) score!: number;
  @ApiProperty({ enum: ['good', 'fair', 'poor'] }) grade!: string;
  @ApiProperty({ type: [AddressIssueDto] }) issues!: AddressIssueDto[];
}

export class RoutingDecisionDto {
  @ApiProperty({ enum: ['draft', 'rule', 'default'], description: 'draft: the order named its warehouse; rule: a routing rule chose; default: the company default' }) source!: string;
  @ApiProperty({ nullable: true, type: String }) ruleId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ruleName!: string | null;
  @ApiProperty({ type: [String], example: ['delhivery', 'xpressbees'] }) courierPreference!: string[];
  @ApiProperty({ example: 'rule #1 "North to Delhi" matched: destination 110001 is in the rule\'s pincodes/prefixes' }) reason!: string;
}

export class TotalsDto {
  @ApiProperty() itemsPaise!: number;
  @ApiProperty() discountPaise!: number;
  @ApiProperty() shippingPaise!: number;
  @ApiProperty() taxPaise!: number;
  @ApiProperty() totalPaise!: number;
}

export class FreightDto {
  @ApiProperty({ enum: ['parcel', 'ptl', 'ftl'] }) mode!: string;
  @ApiProperty({ description: 'Over 20 kg, PTL or FTL' }) heavy!: boolean;
  @ApiProperty() boxCount!: number;
  @ApiProperty() appointmentDelivery!: boolean;
}

export class OrderWarehouseDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() pincode?: string;
  @ApiPropertyOptional() city?: string;
  @ApiPropertyOptional() state?: string;
}

export class StatusChangeDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) fromStatus!: string | null;
  @ApiProperty() toStatus!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty() at!: string;
}

export class OrderDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'SC-261122-00001' }) orderNumber!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: string;
  @ApiProperty({ description: 'Send as expectedVersion (or If-Match) when editing' }) version!: number;
  @ApiProperty() channel!: string;
  @ApiProperty({ nullable: true, type: String }) channelOrderId!: string | null;
  @ApiProperty() orderDate!: string;
  @ApiProperty({ enum: ['b2c', 'b2b'] }) type!: string;
  @ApiProperty({ enum: ['prepaid', 'cod'] }) paymentMode!: string;
  @ApiProperty({ type: OrderBuyerDto }) buyer!: OrderBuyerDto;
  @ApiProperty({ type: OrderAddressDto }) shippingAddress!: OrderAddressDto;
  @ApiProperty({ type: OrderAddressDto, nullable: true }) billingAddress!: OrderAddressDto | null;
  @ApiProperty({ type: [OrderItemDto] }) items!: OrderItemDto[];
  @ApiProperty({ type: [OrderPackageDto] }) packages!: OrderPackageDto[];
  @ApiProperty({ type: TotalsDto }) totals!: TotalsDto;
  @ApiProperty() codAmountPaise!: number;
  @ApiProperty() totalWeightGrams!: number;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ type: OrderHandlingDto }) handling!: OrderHandlingDto;
  @ApiProperty({ type: OrderInsuranceDto }) insurance!: OrderInsuranceDto;
  @ApiProperty({ type: OrderB2bDto, nullable: true }) b2b!: OrderB2bDto | null;
  @ApiProperty({ type: FreightDto }) freight!: FreightDto;
  @ApiProperty({ type: OrderWarehouseDto }) warehouse!: OrderWarehouseDto;
  @ApiProperty({ type: RoutingDecisionDto }) routing!: RoutingDecisionDto;
  @ApiProperty({ type: AddressQualityDto, nullable: true }) addressQuality!: AddressQualityDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Flagged duplicate of this order' }) duplicateOf!: string | null;
  @ApiProperty({ nullable: true, type: String }) importId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Filled when a shipment is booked' }) awb!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledAt!: string | null;
  @ApiProperty({ description: 'Edits are refused after this instant (company modification window)' }) modifiableUntil!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [StatusChangeDto] }) statusHistory!: StatusChangeDto[];
}
