import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { COURIERS } from '../../../contracts';
import type { CourierCode, RateQuery, ServiceabilityQuery } from '../../../contracts';

const COURIER_CODES = COURIERS.map((c) => c.code);
const SERVICE_CODES = [...new Set(COURIERS.flatMap((c) => c.services.map((s) => s.code)))];
const PINCODE = /^[1-9][0-9]{5}$/;
const MAX_PAISE = 10_000_000_000;
const centimetres = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 };

/** Cash on delivery needs an amount to collect (at least 1 paisa); a prepaid shipment collects nothing (0 or absent). */
function CodAmountFitsPaymentMode(): PropertyDecorator {
  const isCod = (args: ValidationArguments) => (args.object as { paymentMode?: unknown }).paymentMode === 'cod';
  return ValidateBy({
    name: 'codAmountFitsPaymentMode',
    validator: {
      validate: (value: unknown, args) => (isCod(args!) ? Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PAISE : value === undefined || value === 0),
      defaultMessage: (args) => (isCod(args!) ? `codAmountPaise must be a whole number of paise from 1 to ${MAX_PAISE} for cash on delivery` : 'codAmountPaise must be 0 or absent for a prepaid shipment'),
    },
  });
}

export class ServiceabilityCheckDto {
  @ApiProperty({ example: '560058', description: 'Pickup pincode' }) @Matches(PINCODE, { message: 'must be a 6-digit Indian pincode' }) originPincode!: string;
  @ApiProperty({ example: '400001', description: 'Delivery pincode' }) @Matches(PINCODE, { message: 'must be a 6-digit Indian pincode' }) destinationPincode!: string;
  @ApiProperty({ enum: ['prepaid', 'cod'], example: 'cod' }) @IsIn(['prepaid', 'cod']) paymentMode!: 'prepaid' | 'cod';
  @ApiProperty({ example: 1200, description: 'Dead weight, grams' }) @IsInt() @Min(1) @Max(5_000_000) weightGrams!: number;
  @ApiPropertyOptional({ example: 149900, default: 0, description: 'Amount to collect, paise: required (at least 1) for cash on delivery, 0 or absent for prepaid' })
  @CodAmountFitsPaymentMode()
  codAmountPaise?: number;
  @ApiPropertyOptional({ example: false, default: false, description: 'A reverse pickup (buyer to warehouse)' }) @IsOptional() @IsBoolean() reverse?: boolean;

  toQuery(): ServiceabilityQuery {
    return {
      originPincode: this.originPincode,
      destinationPincode: this.destinationPincode,
      paymentMode: this.paymentMode,
      weightGrams: this.weightGrams,
      codAmountPaise: this.codAmountPaise ?? 0,
      ...(this.reverse !== undefined ? { reverse: this.reverse } : {}),
    };
  }
}

export class RateQuoteDto extends ServiceabilityCheckDto {
  @ApiProperty({ example: 30, description: 'Box length, cm (one decimal)' }) @IsNumber(centimetres) @Min(0.1) @Max(1500) lengthCm!: number;
  @ApiProperty({ example: 20, description: 'Box breadth, cm' }) @IsNumber(centimetres) @Min(0.1) @Max(1500) breadthCm!: number;
  @ApiProperty({ example: 10, description: 'Box height, cm' }) @IsNumber(centimetres) @Min(0.1) @Max(1500) heightCm!: number;
  @ApiProperty({ example: 149900, description: 'Declared (invoice) value of the goods, paise' }) @IsInt() @Min(0) @Max(MAX_PAISE) declaredValuePaise!: number;
  @ApiPropertyOptional({ enum: SERVICE_CODES, example: 'surface', description: 'Only this service (GET /v1/couriers lists each courier’s); every service the courier offers when absent' })
  @IsOptional()
  @IsIn(SERVICE_CODES)
  service?: string;

  override toQuery(): RateQuery {
    return {
      ...super.toQuery(),
      lengthCm: this.lengthCm,
      breadthCm: this.breadthCm,
      heightCm: this.heightCm,
      declaredValuePaise: this.declaredValuePaise,
      ...(this.service !== undefined ? { service: this.service } : {}),
    };
  }
}

export class CompareRateQuotesDto extends RateQuoteDto {
  @ApiPropertyOptional({
    type: [String],
    enum: COURIER_CODES,
    example: ['delhivery', 'shiprocket'],
    description: 'Ask only these couriers (each is answered, even one that cannot price through its API); every courier that prices through its API when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COURIERS.length)
  @ArrayUnique()
  @IsIn(COURIER_CODES, { each: true })
  couriers?: CourierCode[];
}

// ---------- answers ----------

export class CourierServiceabilityDto {
  @ApiProperty({ description: 'The courier carries this pincode pair' }) serviceable!: boolean;
  @ApiProperty() prepaid!: boolean;
  @ApiProperty() cod!: boolean;
  @ApiProperty({ description: 'Picks up from the origin pincode' }) pickup!: boolean;
  @ApiProperty() reverse!: boolean;
  @ApiProperty({ description: 'Out of the delivery area at the destination (surcharge, slower)' }) oda!: boolean;
  @ApiProperty({ type: [String], example: ['surface', 'express'], description: 'Services the courier offers on the lane, in its order' }) services!: string[];
  @ApiProperty({ type: Number, nullable: true, example: 3, description: "The courier's own estimate, when it gives one" }) expectedTransitDays!: number | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: "Why not, in the courier's words, when it says" }) reason!: string | null;
}

export class CourierRateDto {
  @ApiProperty({ example: 'surface' }) service!: string;
  @ApiProperty({ example: 9440, description: 'What the courier will bill, paise, as it states it (GST included where the courier includes it)' }) totalPaise!: number;
  @ApiProperty({ type: Number, nullable: true, example: 7000, description: 'Paise; null when the courier does not break it out' }) freightPaise!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1000 }) codChargePaise!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1440 }) gstPaise!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1500 }) chargeableWeightGrams!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 3 }) expectedTransitDays!: number | null;
}

export class CourierRatesDto {
  @ApiProperty({ enum: COURIER_CODES }) courier!: string;
  @ApiProperty({ type: [CourierRateDto], description: 'One per service the courier offers on the lane, in its order (empty: none)' }) rates!: CourierRateDto[];
}

export class CourierAnswerErrorDto {
  @ApiProperty({ example: 'courier.unavailable', description: 'The stable problem code the single-courier route would answer with' }) code!: string;
  @ApiProperty({ example: 'Delhivery is not answering (timeout). Try again later.' }) detail!: string;
}

export class CourierRatesAnswerDto {
  @ApiProperty({ enum: COURIER_CODES }) courier!: string;
  @ApiProperty({ enum: ['ok', 'error', 'unsupported'], description: 'ok: rates; error: asking failed (unavailable, refused, credentials); unsupported: the courier prices through no API' })
  status!: 'ok' | 'error' | 'unsupported';
  @ApiPropertyOptional({ type: [CourierRateDto], description: 'With status ok, cheapest first (empty when the courier offers nothing on the lane)' }) rates?: CourierRateDto[];
  @ApiPropertyOptional({ type: CourierAnswerErrorDto, description: 'With status error or unsupported' }) error?: CourierAnswerErrorDto;
}

export class CourierRateComparisonDto {
  @ApiProperty({ type: [CourierRatesAnswerDto], description: 'One per courier asked: priced couriers by their cheapest rate, then those without a price' }) items!: CourierRatesAnswerDto[];
}
