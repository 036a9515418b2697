import { createHash, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import { HttpSimulator, SimRequest, SimResponse } from '../http-simulator';

/** The Google account "signed in" at the simulated consent screen. */
export interface GoogleTestAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  given_name?: string;
  family_name?: string;
  picture?: string;
}

export interface GoogleOAuthSimulatorOptions {
  clientId: string;
  clientSecret: string;
  /** Authorised redirect URIs of the OAuth client; when given, any other redirect_uri is refused (redirect_uri_mismatch). */
  redirectUris?: string[];
  account?: GoogleTestAccount;
  /** Lifetime of an authorization code (Google: about 10 minutes). */
  codeTtlMs?: number;
  /** Lifetime of an access token, seconds (Google: 3599). */
  accessTokenTtlSeconds?: number;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  scope: string[];
  account: GoogleTestAccount;
  challenge: { value: string; method: 'S256' | 'plain' } | null;
  nonce: string | null;
  expiresAt: number;
}

interface IssuedToken {
  account: GoogleTestAccount;
  scope: string[];
  expiresAt: number;
}

const ISSUER = 'https://accounts.google.com';
const SCOPE_ALIASES: Record<string, string> = {
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
};

/**
 * Google OAuth 2.0 / OpenID Connect for web-server apps (developers.google.com/identity/protocols/oauth2/web-server):
 *
 * - GET  /o/oauth2/v2/auth   consent screen: approves at once for the configured test account and 302s to
 *                            redirect_uri?code=…&state=…&scope=… (or ?error=access_denied when set to deny).
 *                            A bad client_id / redirect_uri / request shows Google's error page (here: JSON 400/401, no redirect).
 * - POST /token (+ /oauth2/v4/token) x-www-form-urlencoded {code, client_id, client_secret (or HTTP Basic),
 *                            redirect_uri, grant_type=authorization_code, code_verifier?} →
 *                            {access_token, expires_in, token_type:'Bearer', scope, id_token?}; codes are single use.
 *                            Errors: 400 invalid_request | invalid_grant | redirect_uri_mismatch | unsupported_grant_type, 401 invalid_client.
 * - GET  /oauth2/v3/userinfo (+ /v1/userinfo) Authorization: Bearer → {sub, email, email_verified, name, picture, …}
 *                            limited to the granted scopes; 401 {error:'invalid_request', error_description:'Invalid Credentials'}.
 * - GET  /oauth2/v3/certs    JWKS for the RS256 id_token.
 */
export class GoogleOAuthSimulator extends HttpSimulator {
  private account: GoogleTestAccount;
  private consent: 'approve' | 'deny' = 'approve';
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly keys: { privateKey: KeyObject; publicKey: KeyObject; kid: string };

  constructor(private readonly options: GoogleOAuthSimulatorOptions) {
    super();
    this.account = options.account ?? { sub: '109876543210987654321', email: 'asha.google@gmail.com', email_verified: true, name: 'Asha Verma', given_name: 'Asha', family_name: 'Verma', picture: 'https://lh3.googleusercontent.com/a/sim-avatar' };
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.keys = { privateKey, publicKey, kid: randomBytes(8).toString('hex') };
  }

  get authorizationUrl(): string {
    return `${this.baseUrl}/o/oauth2/v2/auth`;
  }
  get tokenUrl(): string {
    return `${this.baseUrl}/token`;
  }
  get userinfoUrl(): string {
    return `${this.baseUrl}/oauth2/v3/userinfo`;
  }

  /** The account that the next consent screens sign in with. */
  setAccount(account: GoogleTestAccount): void {
    this.account = account;
  }

  /** 'deny': the user presses Cancel on the consent screen (redirect with error=access_denied). */
  setConsent(consent: 'approve' | 'deny'): void {
    this.consent = consent;
  }

  protected serverErrorBody(): unknown {
    return { error: 'internal_failure', error_description: 'Backend Error' };
  }

  protected handle(request: SimRequest): SimResponse {
    const { method, path } = request;
    if (path === '/o/oauth2/v2/auth' && method === 'GET') return this.authorize(request.query);
    if ((path === '/token' || path === '/oauth2/v4/token') && method === 'POST') return this.token(request);
    if ((path === '/oauth2/v3/userinfo' || path === '/v1/userinfo') && (method === 'GET' || method === 'POST')) return this.userinfo(request);
    if (path === '/oauth2/v3/certs' && method === 'GET') return { status: 200, body: { keys: [{ ...this.keys.publicKey.export({ format: 'jwk' }), kid: this.keys.kid, alg: 'RS256', use: 'sig' }] } };
    return { status: 404, body: { error: 'not_found', error_description: `No such endpoint: ${method} ${path}` } };
  }

  private authorize(query: Record<string, string>): SimResponse {
    const { client_id: clientId, redirect_uri: redirectUri, response_type: responseType, scope, state } = query;
    if (!clientId || clientId !== this.options.clientId) return { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
    if (!redirectUri || !isAbsoluteUrl(redirectUri)) return { status: 400, body: { error: 'invalid_request', error_description: 'Missing required parameter: redirect_uri' } };
    if (this.options.redirectUris && !this.options.redirectUris.includes(redirectUri)) {
      return { status: 400, body: { error: 'redirect_uri_mismatch', error_description: `The redirect URI in the request, ${redirectUri}, does not match the ones authorized for the OAuth client.` } };
    }
    if (responseType !== 'code') return { status: 400, body: { error: 'unsupported_response_type', error_description: `Invalid response_type: ${responseType ?? ''}` } };
    const scopes = (scope ?? '').split(/\s+/).filter(Boolean).map((s) => SCOPE_ALIASES[s] ?? s);
    if (!scopes.length) return { status: 400, body: { error: 'invalid_request', error_description: 'Missing required parameter: scope' } };
    const method = (query.code_challenge_method ?? 'plain') as 'S256' | 'plain';
    if (query.code_challenge && method !== 'S256' && method !== 'plain') return { status: 400, body: { error: 'invalid_request', error_description: 'Invalid code_challenge_method' } };

    const back = new URL(redirectUri);
    if (state !== undefined) back.searchParams.set('state', state);
    if (this.consent === 'deny') {
      back.searchParams.set('error', 'access_denied');
      return redirect(back);
    }
    const code = `4/0A${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, {
      clientId,
      redirectUri,
      scope: scopes,
      account: { ...this.account },
      challenge: query.code_challenge ? { value: query.code_challenge, method } : null,
      nonce: query.nonce ?? null,
      expiresAt: Date.now() + (this.options.codeTtlMs ?? 600_000),
    });
    back.searchParams.set('code', code);
    back.searchParams.set('scope', scopes.join(' '));
    back.searchParams.set('authuser', '0');
    back.searchParams.set('prompt', 'consent');
    return redirect(back);
  }

  private token(request: SimRequest): SimResponse {
    const fields = request.fields;
    const basic = basicCredentials(request.headers.authorization);
    const clientId = basic?.id ?? fields.client_id;
    const clientSecret = basic?.secret ?? fields.client_secret;
    if (fields.grant_type !== 'authorization_code') {
      return fields.grant_type ? oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${fields.grant_type}`) : oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
    }
    if (clientId !== this.options.clientId || clientSecret !== this.options.clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized');
    if (!fields.code) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
    const issued = this.codes.get(fields.code);
    // An authorization code works once; a second exchange is invalid_grant, like an unknown or expired one.
    this.codes.delete(fields.code);
    if (!issued || issued.expiresAt <= Date.now() || issued.clientId !== clientId) return oauthError(400, 'invalid_grant', 'Bad Request');
    if (fields.redirect_uri !== issued.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
    if (issued.challenge) {
      if (!fields.code_verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
      const computed = issued.challenge.method === 'S256' ? createHash('sha256').update(fields.code_verifier).digest('base64url') : fields.code_verifier;
      if (computed !== issued.challenge.value) return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
    }

    const ttl = this.options.accessTokenTtlSeconds ?? 3599;
    const accessToken = `ya29.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(accessToken, { account: issued.account, scope: issued.scope, expiresAt: Date.now() + ttl * 1000 });
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: ttl, token_type: 'Bearer', scope: issued.scope.join(' ') };
    if (issued.scope.includes('openid')) body.id_token = this.idToken(issued, accessToken);
    return { status: 200, body, headers: { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache' } };
  }

  private userinfo(request: SimRequest): SimResponse {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const token = match ? this.tokens.get(match[1]) : undefined;
    if (!token || token.expiresAt <= Date.now()) {
      return { status: 401, body: { error: 'invalid_request', error_description: 'Invalid Credentials' }, headers: { 'www-authenticate': `Bearer realm="${ISSUER}/", error="invalid_token"` } };
    }
    return { status: 200, body: this.claims(token.account, token.scope) };
  }

  private claims(account: GoogleTestAccount, scope: string[]): Record<string, unknown> {
    const claims: Record<string, unknown> = { sub: account.sub };
    if (scope.includes(SCOPE_ALIASES.profile)) {
      Object.assign(claims, { name: account.name, given_name: account.given_name, family_name: account.family_name, picture: account.picture });
    }
    if (scope.includes(SCOPE_ALIASES.email)) Object.assign(claims, { email: account.email, email_verified: account.email_verified });
    return Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
  }

  private idToken(issued: IssuedCode, accessToken: string): string {
    const now = Math.floor(Date.now() / 1000);
    const digest = createHash('sha256').update(accessToken).digest();
    const payload = {
      iss: ISSUER,
      azp: issued.clientId,
      aud: issued.clientId,
      ...this.claims(issued.account, issued.scope),
      at_hash: digest.subarray(0, 16).toString('base64url'),
      ...(issued.nonce ? { nonce: issued.nonce } : {}),
      iat: now,
      exp: now + 3600,
    };
    const header = { alg: 'RS256', kid: this.keys.kid, typ: 'JWT' };
    const signingInput = `${b64(header)}.${b64(payload)}`;
    return `${signingInput}.${sign('sha256', Buffer.from(signingInput), this.keys.privateKey).toString('base64url')}`;
  }
}

function redirect(location: URL): SimResponse {
  return { status: 302, body: null, headers: { location: location.toString() } };
}

function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, body: { error, error_description: description } };
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function isAbsoluteUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
