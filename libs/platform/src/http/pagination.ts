import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProblemException } from './problem';

/** `?limit=&cursor=`; the cursor is opaque to clients (base64url JSON of the last row's sort key). */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Items per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T extends Record<string, unknown>>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') return parsed as T;
  } catch {
    // fall through to the problem below
  }
  throw new ProblemException(422, 'pagination.invalid_cursor', 'cursor is not one this API issued', {
    errors: [{ field: 'cursor', message: 'is not a valid cursor', code: 'invalid_cursor' }],
  });
}

/** Fetch limit+1 rows, then call this: it trims the extra row and builds the next cursor from the last item kept. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Record<string, unknown>): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? encodeCursor(cursorOf(items[items.length - 1])) : null };
}

export function pageLimit(query: PageQuery): number {
  return query.limit ?? 20;
}

export class PageMeta {
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as ?cursor= to get the next page; null on the last page' })
  nextCursor!: string | null;
}
