import helmet, { HelmetOptions } from 'helmet';

/** The Content-Security-Policy of every response; Swagger UI at /docs needs its inline bootstrap script and styles. */
export const SECURITY_HEADER_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'https:'],
    },
  },
};

/**
 * Helmet's headers, computed once. Our options hold no per-request values (no nonces, no directive functions),
 * so helmet's output is the same for every request: running its middleware per request (what @fastify/helmet
 * does, re-parsing the CSP directives each time) only costs CPU.
 */
export function securityHeaders(options: HelmetOptions = SECURITY_HEADER_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as never, res as never, (error?: unknown) => (failure = error));
  if (failure) throw failure;
  return headers;
}
