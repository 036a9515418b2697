import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/**
 * Every environment variable Shipcrowd reads, with its default. .env.example documents the same list;
 * test/config/env-example.spec.ts keeps the two in step.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** HTTP processes sharing PORT (node:cluster): a count, or `auto` for one per CPU. Needs DATABASE_URL (ADR 21). */
    API_PROCESSES: z.union([z.literal('auto'), positiveInt.max(64)]).default(1),
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: z.string().url().optional(),
    DATABASE_OWNER_URL: z.string().url().optional(),
    DATABASE_POOL_MAX: positiveInt.default(10),
    PGLITE_DATA_DIR: z.string().default('.data/pglite'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z.string().default('shipcrowd'),
    STARTUP_TIMEOUT_MS: positiveInt.default(10_000),
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(15_000),

    JWT_SECRET: z.string().min(32).optional(),
    JWT_ACCESS_TTL_SECONDS: positiveInt.default(900),
    REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
    ENCRYPTION_KEY: z.string().optional(),

    TRUST_PROXY: z.string().default('false'),
    CORS_ORIGINS: csv.default([]),
    BODY_LIMIT_BYTES: positiveInt.default(1_048_576),
    RATE_LIMIT_MAX: positiveInt.default(600),
    RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(60),
    RATE_LIMIT_AUTH_MAX: positiveInt.default(20),
    // 0 = one Redis call per request (exact); otherwise counts are batched to Redis this often (ADR 0010).
    RATE_LIMIT_SYNC_MS: z.coerce.number().int().min(0).max(10_000).default(100),
    /** Requests per client address per minute on the public tracking routes (GET /v1/tracking/{awb}, GET /track/{awb}). */
    PUBLIC_TRACKING_RATE_LIMIT_PER_MINUTE: positiveInt.default(30),

    LOCKOUT_MAX_ATTEMPTS: positiveInt.default(5),
    LOCKOUT_MINUTES: positiveInt.default(15),
    LOGIN_CAPTCHA_AFTER_FAILURES: positiveInt.default(3),
    ACCOUNT_DELETION_GRACE_DAYS: positiveInt.default(14),

    MAIL_TRANSPORT: z.enum(['smtp', 'local']).default('local'),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('Shipcrowd <no-reply@shipcrowd.local>'),
    LOCAL_SMTP_PORT: port.default(2525),

    SMS_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
    SMS_API_BASE_URL: z.string().url().optional(),
    SMS_ACCOUNT_SID: z.string().optional(),
    SMS_AUTH_TOKEN: z.string().optional(),
    SMS_FROM: z.string().default('+15005550006'),

    CAPTCHA_PROVIDER: z.enum(['off', 'turnstile', 'hcaptcha']).default('off'),
    CAPTCHA_SECRET: z.string().optional(),
    CAPTCHA_VERIFY_URL: z.string().url().optional(),
    /** sandbox: siteverify answers from an in-process simulator (tokens starting 'pass' succeed); refused in production. */
    CAPTCHA_MODE: z.enum(['sandbox', 'live']).default('sandbox'),

    GOOGLE_CLIENT_ID: z.string().optional(),
    GOOGLE_CLIENT_SECRET: z.string().optional(),
    GOOGLE_CALLBACK_URL: z.string().url().optional(),
    GOOGLE_AUTHORIZATION_URL: z.string().url().default('https://accounts.google.com/o/oauth2/v2/auth'),
    GOOGLE_TOKEN_URL: z.string().url().default('https://www.googleapis.com/oauth2/v4/token'),
    GOOGLE_USERINFO_URL: z.string().url().default('https://www.googleapis.com/oauth2/v3/userinfo'),

    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    STORAGE_LOCAL_DIR: z.string().default('.data/files'),
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().default('ap-south-1'),
    S3_BUCKET: z.string().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: bool.default(true),
    /** Lifetime of signed file links (logos, downloads). */
    STORAGE_SIGNED_URL_TTL_SECONDS: positiveInt.default(3600),
    COMPANY_DELETION_GRACE_DAYS: positiveInt.default(30),

    /** Shipcrowd's own GST state (the supplier of shipping services): same state as the seller = CGST + SGST, else IGST. */
    SHIPCROWD_GST_STATE_CODE: z.string().regex(/^\d{2}$/).default('29'),
    /** How long a quote answer stays in the Redis cache; any rate card or coverage change invalidates it at once anyway. */
    QUOTE_CACHE_TTL_SECONDS: positiveInt.default(300),
    /** sandbox = couriers' APIs are the in-project simulators (started in-process); live = the couriers' real hosts. */
    COURIER_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
    /** Base URL of the courier simulators when they run elsewhere; unset in sandbox mode = start them in-process. */
    COURIER_SIMULATOR_URL: z.string().url().optional(),
    /** When the serviceability delta sync from couriers that publish pincode lists runs (cron, server time). */
    SERVICEABILITY_SYNC_CRON: z.string().default('30 2 * * *'),
    /** Chromium pages kept open per process for printing labels, manifests and invoices (one shared browser). */
    PDF_PAGE_POOL_SIZE: z.coerce.number().int().min(1).max(16).default(4),
    /** When the worker pulls tracking for shipments whose next poll is due (cron, UTC). */
    TRACKING_POLL_CRON: z.string().default('*/10 * * * *'),
    /**
     * A booking still waiting for the courier's answer this long was left in flight by a stopped process; the worker
     * then asks the courier again with the same reference. Keep it well above a booking call's timeout.
     */
    STALE_BOOKING_AFTER_SECONDS: z.coerce.number().int().min(30).default(300),
    /** Days a seller has to accept or dispute a courier's weight discrepancy before it is auto-accepted. */
    WEIGHT_DISPUTE_WINDOW_DAYS: positiveInt.default(7),
    /** Delhivery B2C API token (live mode; sandbox accepts any configured value, default a fixed sandbox token). */
    DELHIVERY_API_TOKEN: z.string().optional(),
    /** Delhivery B2C API host for live mode (staging: https://staging-express.delhivery.com). */
    DELHIVERY_API_BASE_URL: z.string().url().default('https://track.delhivery.com'),
    /** Live-mode API hosts per courier as JSON, e.g. {"xpressbees":"https://shipment.xpressbees.com"}; unset couriers use the adapter's own host. */
    COURIER_BASE_URLS: z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON object of courier code to URL' });
          return z.NEVER;
        }
      })
      .pipe(z.record(z.string(), z.string().url()))
      .optional(),
    /** Per attempt of a call to a courier's API. */
    COURIER_HTTP_TIMEOUT_MS: positiveInt.default(10_000),
    /** Extra attempts of safe courier calls (tracking, labels, cancel) on 5xx, 429, network errors and timeouts; bookings never retry. */
    COURIER_HTTP_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    /** How long a courier's open circuit breaker fails fast before letting a probe call through. */
    COURIER_BREAKER_RESET_MS: positiveInt.default(30_000),
    /** Largest order import file accepted (bytes). */
    ORDER_IMPORT_MAX_BYTES: positiveInt.default(20 * 1024 * 1024),
    /** Most rows one order import may hold. */
    ORDER_IMPORT_MAX_ROWS: positiveInt.default(10_000),

    BULL_BOARD_ENABLED: bool.default(true),
    SCHEDULES_ENABLED: bool.default(true),
    /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16).optional(),
    OUTBOX_POLL_MS: positiveInt.default(500),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.NODE_ENV === 'production' && !cfg.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production (at least 32 characters)' });
    }
    if (cfg.MAIL_TRANSPORT === 'smtp' && !cfg.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when MAIL_TRANSPORT=smtp' });
    }
    if (cfg.STORAGE_DRIVER === 's3' && !cfg.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when STORAGE_DRIVER=s3' });
    }
    if (cfg.NODE_ENV === 'production' && !cfg.ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ENCRYPTION_KEY'], message: 'is required in production (<keyId>:<32-byte key, base64 or hex>)' });
    }
    if (cfg.SMS_MODE === 'live' && (!cfg.SMS_ACCOUNT_SID || !cfg.SMS_AUTH_TOKEN)) {
      ctx.addIssue({ code: 'custom', path: [cfg.SMS_ACCOUNT_SID ? 'SMS_AUTH_TOKEN' : 'SMS_ACCOUNT_SID'], message: 'is required when SMS_MODE=live' });
    }
    if (cfg.NODE_ENV === 'production' && cfg.CAPTCHA_PROVIDER !== 'off' && cfg.CAPTCHA_MODE === 'sandbox') {
      ctx.addIssue({ code: 'custom', path: ['CAPTCHA_MODE'], message: 'must be live in production (the sandbox accepts any token starting with "pass")' });
    }
    if (cfg.CAPTCHA_PROVIDER !== 'off' && !cfg.CAPTCHA_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['CAPTCHA_SECRET'], message: 'is required when CAPTCHA_PROVIDER is set' });
    }
  });

export type AppConfig = z.infer<typeof configSchema> & { JWT_SECRET: string };

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; the first bad variable is named in the error so start-up fails with one clear line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'config');
    throw new ConfigError(variable, `is invalid: ${issue.message}`);
  }
  const cfg = parsed.data;
  // Production must set JWT_SECRET (checked above); see devSecret for development and tests.
  const jwtSecret = cfg.JWT_SECRET ?? devSecret(cfg.NODE_ENV);
  return { ...cfg, JWT_SECRET: jwtSecret };
}

let generated: string | undefined;
/**
 * Without JWT_SECRET: development keeps one generated secret in .data/ so tokens survive a restart
 * (and the seed's token works with `npm start`); tests get a fresh one per process.
 */
function devSecret(nodeEnv: string): string {
  if (generated) return generated;
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  if (nodeEnv === 'development') {
    const fs = require('node:fs') as typeof import('node:fs');
    const file = '.data/dev-jwt-secret';
    try {
      generated = fs.readFileSync(file, 'utf8').trim();
    } catch {
      generated = randomBytes(32).toString('hex');
      fs.mkdirSync('.data', { recursive: true });
      fs.writeFileSync(file, generated, { mode: 0o600 });
    }
    return generated;
  }
  generated = randomBytes(32).toString('hex');
  return generated;
}

export const APP_CONFIG = Symbol('AppConfig');
