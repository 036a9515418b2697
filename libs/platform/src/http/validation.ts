import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@shipcrowd/kernel';
import { ProblemException } from './problem';

/** Global pipe: DTOs are transformed, unknown fields are rejected, failures name every field path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

export function validationProblem(errors: FieldError[]): ProblemException {
  const detail = errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are invalid`;
  return new ProblemException(422, 'validation.failed', detail, { errors });
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        field,
        code: constraint === 'whitelistValidation' ? 'unknown_field' : constraint,
        message: constraint === 'whitelistValidation' ? 'is not a known field' : message.replace(/^\S+\s/, ''),
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}
