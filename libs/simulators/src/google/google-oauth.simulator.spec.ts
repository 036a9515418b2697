import { createHash, createPublicKey, verify } from 'node:crypto';
import { GoogleOAuthSimulator } from './google-oauth.simulator';

/** Raw HTTP against the Google OAuth simulator: the wire contract passport-google-oauth20 relies on. */
describe('GoogleOAuthSimulator', () => {
  const redirectUri = 'http://localhost/cb';
  const sim = new GoogleOAuthSimulator({ clientId: 'cid', clientSecret: 'secret', redirectUris: [redirectUri] });
  const verifier = 'v'.repeat(43);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  async function authorize(params: Record<string, string> = {}) {
    const url = new URL(sim.authorizationUrl);
    const all = { client_id: 'cid', redirect_uri: redirectUri, response_type: 'code', scope: 'openid email profile', state: 'st-1', code_challenge: challenge, code_challenge_method: 'S256', ...params };
    for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
    return fetch(url, { redirect: 'manual' });
  }
  async function code(): Promise<string> {
    return new URL((await authorize()).headers.get('location')!).searchParams.get('code')!;
  }
  const exchange = (fields: Record<string, string>) =>
    fetch(sim.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: 'cid', client_secret: 'secret', redirect_uri: redirectUri, grant_type: 'authorization_code', code_verifier: verifier, ...fields }) });

  it('redirects back with code and state, or error=access_denied when the user cancels', async () => {
    const res = await authorize();
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('st-1');
    expect(back.searchParams.get('code')).toMatch(/^4\/0A/);
    sim.setConsent('deny');
    const denied = new URL((await authorize()).headers.get('location')!);
    sim.setConsent('approve');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();
  });

  it.each([
    [{ client_id: 'other' }, 401, 'invalid_client'],
    [{ redirect_uri: 'http://evil.example/cb' }, 400, 'redirect_uri_mismatch'],
    [{ response_type: 'token' }, 400, 'unsupported_response_type'],
  ])('shows an error page (no redirect) for %j', async (params, status, error) => {
    const res = await authorize(params);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBe(error);
  });

  it('exchanges a code once for a Bearer token and an RS256 id_token; userinfo needs the token', async () => {
    const res = await exchange({ code: await code() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; id_token: string; token_type: string; expires_in: number; scope: string };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(body.scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'https://www.googleapis.com/auth/userinfo.email']));
    const [header, payload, signature] = body.id_token.split('.');
    const jwks = (await (await fetch(`${sim.baseUrl}/oauth2/v3/certs`)).json()) as { keys: Record<string, string>[] };
    const key = createPublicKey({ key: jwks.keys[0] as never, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ iss: 'https://accounts.google.com', aud: 'cid', email_verified: true });

    const info = await fetch(sim.userinfoUrl, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ sub: expect.any(String), email: 'asha.google@gmail.com', email_verified: true, name: 'Asha Verma' });
    const anonymous = await fetch(sim.userinfoUrl);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'invalid_request', error_description: 'Invalid Credentials' });
  });

  it('answers the documented token errors', async () => {
    const used = await code();
    expect((await exchange({ code: used })).status).toBe(200);
    const cases: [Record<string, string>, number, string][] = [
      [{ code: used }, 400, 'invalid_grant'],
      [{ code: 'nope' }, 400, 'invalid_grant'],
      [{ code: await code(), client_secret: 'wrong' }, 401, 'invalid_client'],
      [{ code: await code(), grant_type: 'password' }, 400, 'unsupported_grant_type'],
      [{ code: await code(), code_verifier: 'w'.repeat(43) }, 400, 'invalid_grant'],
      [{ code: await code(), redirect_uri: 'http://localhost/other' }, 400, 'redirect_uri_mismatch'],
    ];
    for (const [fields, status, error] of cases) {
      const res = await exchange(fields);
      expect({ fields, status: res.status, error: ((await res.json()) as { error: string }).error }).toEqual({ fields, status, error });
    }
  });
});
