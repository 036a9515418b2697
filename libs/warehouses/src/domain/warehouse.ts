import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AggregateRoot, DomainError, FieldError } from '@shipcrowd/kernel';
import { gstinProblem } from './gstin';
import { defaultOperatingHours, DayHoursInput, OperatingHours, parseOperatingHours, Weekday } from './operating-hours';

/** A company may keep at most this many warehouses (active or not; deleted ones do not count). */
export const MAX_WAREHOUSES_PER_COMPANY = 50;

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PINCODE = /^[1-9][0-9]{5}$/;

/** What the pincode directory says about the location (filled in, never typed by the seller). */
export interface PincodeFacts {
  city: string;
  state: string;
  gstStateCode: string;
  latitude: number | null;
  longitude: number | null;
}

/** What a seller describes (API body or one CSV row). */
export interface WarehouseInput {
  code: string;
  name: string;
  contactName: string;
  contactPhone: string;
  contactEmail?: string | null;
  addressLine1: string;
  addressLine2?: string | null;
  landmark?: string | null;
  pincode: string;
  gstin?: string | null;
  operatingHours?: Partial<Record<Weekday, DayHoursInput | null>> | null;
}

export interface WarehouseDetails {
  code: string;
  name: string;
  contactName: string;
  /** E.164, e.g. +919876543210. */
  contactPhone: string;
  contactEmail: string | null;
  addressLine1: string;
  addressLine2: string | null;
  landmark: string | null;
  pincode: string;
  city: string;
  state: string;
  gstStateCode: string;
  latitude: number | null;
  longitude: number | null;
  gstin: string | null;
  operatingHours: OperatingHours;
}

export interface WarehouseProps extends WarehouseDetails {
  companyId: string;
  isDefault: boolean;
  active: boolean;
  /** Set the first time an order names this warehouse; a used warehouse can be deactivated, not deleted. */
  firstUsedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function text(value: string | null | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}

function optional(value: string | null | undefined): string | null {
  const t = text(value);
  return t === '' ? null : t;
}

function required(errors: FieldError[], field: string, value: string, max: number): void {
  if (value === '') errors.push({ field, message: 'is required', code: 'required' });
  else if (value.length > max) errors.push({ field, message: `must be at most ${max} characters`, code: 'too_long' });
}

/**
 * Checks and normalises a seller's description of a warehouse. `facts` is the directory entry for the
 * pincode (null when unknown). `baseHours` are the hours days not mentioned keep.
 */
export function checkWarehouseInput(input: WarehouseInput, facts: PincodeFacts | null, baseHours: OperatingHours = defaultOperatingHours()): { details: WarehouseDetails | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const code = text(input.code).toUpperCase();
  if (!CODE.test(code)) errors.push({ field: 'code', message: 'must be 1-20 letters, digits, - or _ (starting with a letter or digit)', code: 'invalid_code' });
  const name = text(input.name);
  required(errors, 'name', name, 120);
  const contactName = text(input.contactName);
  required(errors, 'contactName', contactName, 120);
  const phone = parsePhoneNumberFromString(text(input.contactPhone), 'IN');
  if (!phone || !phone.isValid() || phone.country !== 'IN') errors.push({ field: 'contactPhone', message: 'must be a valid Indian phone number', code: 'invalid_phone' });
  const contactEmail = optional(input.contactEmail)?.toLowerCase() ?? null;
  if (contactEmail && (!EMAIL.test(contactEmail) || contactEmail.length > 254)) errors.push({ field: 'contactEmail', message: 'must be an email address', code: 'invalid_email' });
  const addressLine1 = text(input.addressLine1);
  required(errors, 'addressLine1', addressLine1, 200);
  const addressLine2 = optional(input.addressLine2);
  if (addressLine2 && addressLine2.length > 200) errors.push({ field: 'addressLine2', message: 'must be at most 200 characters', code: 'too_long' });
  const landmark = optional(input.landmark);
  if (landmark && landmark.length > 200) errors.push({ field: 'landmark', message: 'must be at most 200 characters', code: 'too_long' });
  const pincode = text(input.pincode);
  if (!PINCODE.test(pincode)) errors.push({ field: 'pincode', message: 'must be a 6-digit Indian pincode', code: 'invalid_pincode' });
  else if (!facts) errors.push({ field: 'pincode', message: `${pincode} is not in the pincode directory`, code: 'unknown_pincode' });
  const gstin = optional(input.gstin)?.toUpperCase() ?? null;
  if (gstin) {
    const problem = gstinProblem(gstin, facts?.gstStateCode);
    if (problem === 'format') errors.push({ field: 'gstin', message: 'is not a GSTIN (15 characters: state code, PAN, entity, Z, check)', code: 'invalid_gstin' });
    if (problem === 'check_character') errors.push({ field: 'gstin', message: 'has a wrong check character', code: 'invalid_gstin_checksum' });
    if (problem === 'state_mismatch') errors.push({ field: 'gstin', message: `is registered in state ${gstin.slice(0, 2)}, but pincode ${pincode} is in state ${facts?.gstStateCode}`, code: 'gstin_state_mismatch' });
  }
  const { hours, errors: hourErrors } = parseOperatingHours(input.operatingHours, baseHours);
  errors.push(...hourErrors);
  if (errors.length > 0 || !facts || !phone) return { details: null, errors };
  return {
    details: {
      code,
      name,
      contactName,
      contactPhone: phone.number,
      contactEmail,
      addressLine1,
      addressLine2,
      landmark,
      pincode,
      city: facts.city,
      state: facts.state,
      gstStateCode: facts.gstStateCode,
      latitude: facts.latitude,
      longitude: facts.longitude,
      gstin,
      operatingHours: hours,
    },
    errors,
  };
}

export function invalidWarehouse(errors: FieldError[]): DomainError {
  return new DomainError('warehouses.invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), 'validation', { errors });
}

/** A pickup location of one company. */
export class Warehouse extends AggregateRoot {
  private constructor(id: string, version: number, readonly props: WarehouseProps) {
    super(id, version);
  }

  static open(id: string, companyId: string, details: WarehouseDetails, isDefault: boolean, now: Date): Warehouse {
    return new Warehouse(id, 1, { ...details, companyId, isDefault, active: true, firstUsedAt: null, deletedAt: null, createdAt: now, updatedAt: now });
  }

  static restore(id: string, version: number, props: WarehouseProps): Warehouse {
    return new Warehouse(id, version, props);
  }

  get code(): string {
    return this.props.code;
  }

  describe(details: WarehouseDetails, now: Date): void {
    Object.assign(this.props, details, { updatedAt: now });
  }

  makeDefault(now: Date): void {
    if (!this.props.active) throw new DomainError('warehouses.inactive_default', `Warehouse ${this.code} is inactive; activate it before making it the default.`, 'conflict');
    this.props.isDefault = true;
    this.props.updatedAt = now;
  }

  /** Only as part of moving the default elsewhere (the handler makes another one the default in the same transaction). */
  yieldDefault(now: Date): void {
    this.props.isDefault = false;
    this.props.updatedAt = now;
  }

  deactivate(now: Date): void {
    if (this.props.isDefault) throw new DomainError('warehouses.default_cannot_deactivate', `Warehouse ${this.code} is the default; make another warehouse the default first.`, 'conflict');
    this.props.active = false;
    this.props.updatedAt = now;
  }

  activate(now: Date): void {
    this.props.active = true;
    this.props.updatedAt = now;
  }

  /** Soft delete: the row stays (orders may still point at it) but the warehouse and its code are gone for the company. */
  remove(otherWarehouses: number, now: Date): void {
    if (this.props.firstUsedAt) throw new DomainError('warehouses.in_use', `Warehouse ${this.code} has orders; deactivate it instead of deleting it.`, 'conflict');
    if (this.props.isDefault && otherWarehouses > 0) throw new DomainError('warehouses.default_cannot_delete', `Warehouse ${this.code} is the default; make another warehouse the default first.`, 'conflict');
    this.props.deletedAt = now;
    this.props.isDefault = false;
    this.props.active = false;
    this.props.updatedAt = now;
  }
}
