import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'must be an email' }) message!: string;
  @ApiPropertyOptional({ example: 'isEmail' }) code?: string;
}

/** RFC 9457 problem details as Shipcrowd sends them. */
export class ProblemDto {
  @ApiProperty({ example: 'https://shipcrowd.dev/problems/validation.failed' }) type!: string;
  @ApiProperty({ example: 'Unprocessable content' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: 'email: must be an email' }) detail!: string;
  @ApiProperty({ example: 'validation.failed', description: 'Stable machine-readable code' }) code!: string;
  @ApiProperty({ example: '01J9Z4T7Q2W8XH3K5M6N7P8R9S' }) requestId!: string;
  @ApiPropertyOptional({ example: '/v1/auth/register' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (e.g. invalid JSON)',
  401: 'Missing, invalid or expired credentials',
  403: 'Authenticated but not allowed',
  404: 'Not found (or belongs to another company)',
  409: 'Conflict (stale version, duplicate, or state does not allow it)',
  413: 'Body too large',
  422: 'Validation failed; errors[] names each field',
  429: 'Rate limited; see Retry-After',
};

/** Documents problem+json error responses for a route. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } }),
    ),
  );
}
