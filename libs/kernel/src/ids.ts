import { v7 as uuidv7, validate, version } from 'uuid';

/** Time-ordered UUIDv7: index-friendly primary keys that still sort by creation time. */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && validate(value);
}

export function isUuidV7(value: unknown): value is string {
  return isUuid(value) && version(value) === 7;
}
