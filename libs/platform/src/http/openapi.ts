import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from './openapi-decorators';

/** Tags with descriptions; a context adds its tag here when it adds routes. */
export const API_TAGS: Record<string, string> = {
  auth: 'Sign-up, sign-in, tokens, second factors and password recovery',
  me: 'The signed-in user: profile, sessions, API keys',
  'two-factor': 'Second factors of the signed-in user: authenticator app, SMS codes, recovery codes',
  companies: 'Company profile, billing, branding and status',
  team: 'Members, invitations and roles',
  admin: 'Platform administration (Shipcrowd staff)',
  audit: 'Tamper-evident audit log',
  files: 'Signed, expiring file downloads',
  operations: 'Health and metrics',
  geo: 'Reference geography: pincode directory (GeoNames, CC-BY 4.0) and shipping zones',
  zones: 'Company custom zones (pincode lists, CSV, GeoJSON boundaries) that take precedence over the zone engine',
  addresses: 'Address quality: pincode, city and state agreement, completeness, phone numbers',
  serviceability: 'Which couriers and services reach a pincode pair; coverage uploads, delta syncs, blocklists, reports',
  'rate-cards': 'Rate cards: platform base, B2B, VIP tiers and company overrides, with versions and approval',
  rates: 'Rate quotes with line breakdowns and a recommended courier',
  warehouses: 'Pickup locations (warehouses)',
  orders: 'Orders: create, search, edit, cancel, export',
  'order-imports': 'Bulk order imports (CSV/XLSX) with progress, error reports and rollback',
  'routing-rules': 'Order routing rules that pick the warehouse and courier preference',
  shipments: 'Shipments: book with a courier, list, cancel, labels, tracking timeline',
  'shipment-batches': 'Bulk booking of up to 500 orders as a job with progress and per-order results',
  pickups: 'Courier pickups scheduled in the warehouse’s hours and before the courier’s cut-off',
  manifests: 'Courier manifests (handover lists) as PDFs',
  tracking: 'Public tracking by AWB and the couriers’ tracking webhooks',
  'weight-discrepancies': 'Courier weight discrepancies: accept or dispute with photos before the deadline; admin resolution',
  couriers: 'Courier catalogue and capabilities, courier account credentials (sealed at rest) and integration health',
};

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Shipcrowd API')
    .setDescription(
      'Multi-courier shipping for Indian online sellers. Errors are application/problem+json (RFC 9457) with a stable `code`. ' +
        'Lists are cursor-paginated (`limit`, `cursor` → `nextCursor`). POSTs that create or move money accept `Idempotency-Key`.',
    )
    .setVersion('1.0.0')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /v1/auth/login' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Server-to-server API key (POST /v1/me/api-keys)' }, 'apiKey');
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemDto, FieldErrorDto],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${methodKey}`,
  });
  return completeOperations(document);
}

const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/**
 * Adds what every route shares so controllers need not repeat it: public routes get `security: []`,
 * every route documents 429, and routes that take input document 400 and 422 problems.
 */
function completeOperations(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (Record<string, unknown> & { responses: Record<string, unknown> }) | undefined;
      if (!operation) continue;
      // Wildcard routes (`*`) appear in the path as `{path}`: give the parameter that name.
      for (const parameter of (operation.parameters as { name: string; in: string }[]) ?? []) {
        const wildcard = /\{([^}]+)\}$/.exec(path);
        if (parameter.in === 'path' && parameter.name === '*' && wildcard) parameter.name = wildcard[1];
      }
      if (operation['x-public']) {
        operation.security = [];
        delete operation['x-public'];
      }
      const takesInput = !!operation.requestBody || ((operation.parameters as unknown[]) ?? []).length > 0;
      const add = takesInput ? ['400', '422', '429'] : ['429'];
      for (const status of add) {
        operation.responses[status] ??= { description: status === '429' ? 'Rate limited; see Retry-After' : status === '400' ? 'Malformed request' : 'Validation failed; errors[] names each field', content: PROBLEM_CONTENT };
      }
    }
  }
  return document;
}

export function setupOpenApi(app: NestFastifyApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Shipcrowd API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
