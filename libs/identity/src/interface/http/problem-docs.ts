import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const TITLES: Record<number, string> = {
  401: 'Not signed in, or the credentials were refused',
  403: 'Refused',
  404: 'Not found or not enabled',
  409: 'Conflict',
  422: 'Validation failed; errors[] names each field',
  429: 'Rate limited or locked; see Retry-After',
  503: 'A provider (Google, SMS, CAPTCHA) is unavailable; retry later',
};

/** problem+json responses with the stable `code`s each status can carry on this route (clients branch on them). */
export function ApiProblemCodes(codes: Record<number, string[]>): MethodDecorator {
  return applyDecorators(
    ...Object.entries(codes).map(([status, list]) =>
      ApiResponse({
        status: Number(status),
        description: `${TITLES[Number(status)] ?? 'Error'}. code: ${list.join(' | ')}`,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      }),
    ),
  );
}
