import { S3FileStorage } from './s3-file-storage';
import { S3Simulator } from './s3-simulator';

describe('S3FileStorage against the S3 simulator (SigV4 verified by the simulator)', () => {
  const sim = new S3Simulator('shipcrowd-files', 'AKIASHIPCROWDTEST', 'c2VjcmV0LWtleS1mb3ItdGVzdHM');
  let endpoint: string;
  let storage: S3FileStorage;

  beforeAll(async () => {
    endpoint = await sim.start();
    storage = new S3FileStorage({ endpoint, region: 'ap-south-1', bucket: 'shipcrowd-files', accessKeyId: 'AKIASHIPCROWDTEST', secretAccessKey: 'c2VjcmV0LWtleS1mb3ItdGVzdHM', forcePathStyle: true, requestTimeoutMs: 2000 });
  });
  afterAll(async () => {
    storage.destroy();
    await sim.stop();
  });

  it('puts, gets and deletes objects with signed, path-style requests', async () => {
    const body = Buffer.from('\x89PNG fake bytes');
    expect(await storage.put('companies/c1/logo/a_b-1.v2.png', body, 'image/png')).toEqual({ key: 'companies/c1/logo/a_b-1.v2.png', size: body.length, contentType: 'image/png' });
    expect(sim.objects.get('companies/c1/logo/a_b-1.v2.png')).toEqual({ body, contentType: 'image/png' });
    expect(sim.requests.at(-1)).toEqual({ method: 'PUT', path: '/shipcrowd-files/companies/c1/logo/a_b-1.v2.png', auth: 'header' });

    const got = await storage.get('companies/c1/logo/a_b-1.v2.png');
    expect(got?.contentType).toBe('image/png');
    const chunks: Buffer[] = [];
    for await (const c of got!.body) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);

    await storage.delete('companies/c1/logo/a_b-1.v2.png');
    expect(await storage.get('companies/c1/logo/a_b-1.v2.png')).toBeNull();
  });

  it('presigns GET URLs that the object store honours until they expire', async () => {
    await storage.put('companies/c1/logo/x.png', Buffer.from('logo'), 'image/png');
    const url = new URL(await storage.signedUrl('companies/c1/logo/x.png', 60));
    expect(url.origin).toBe(endpoint);
    expect(url.pathname).toBe('/shipcrowd-files/companies/c1/logo/x.png');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIASHIPCROWDTEST\/\d{8}\/ap-south-1\/s3\/aws4_request$/);

    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('logo');

    const tampered = new URL(url);
    tampered.pathname = '/shipcrowd-files/companies/c2/logo/x.png';
    const forged = await fetch(tampered);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('SignatureDoesNotMatch');

    const longer = new URL(url);
    longer.searchParams.set('X-Amz-Expires', '3600');
    expect((await fetch(longer)).status).toBe(403);
  });

  it('caps presigned lifetimes at the SigV4 maximum of 7 days', async () => {
    const url = new URL(await storage.signedUrl('companies/c1/logo/x.png', 30 * 24 * 3600));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('604800');
  });

  it('an expired presigned URL is refused', async () => {
    const late = new S3Simulator('shipcrowd-files', 'AKIASHIPCROWDTEST', 'c2VjcmV0LWtleS1mb3ItdGVzdHM', 'ap-south-1', () => new Date(Date.now() + 120_000));
    const lateEndpoint = await late.start();
    const s = new S3FileStorage({ endpoint: lateEndpoint, region: 'ap-south-1', bucket: 'shipcrowd-files', accessKeyId: 'AKIASHIPCROWDTEST', secretAccessKey: 'c2VjcmV0LWtleS1mb3ItdGVzdHM', forcePathStyle: true });
    try {
      const res = await fetch(await s.signedUrl('companies/c1/logo/x.png', 60));
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Request has expired');
    } finally {
      s.destroy();
      await late.stop();
    }
  });

  it('wrong credentials are refused by the store and surface as errors', async () => {
    const wrong = new S3FileStorage({ endpoint, region: 'ap-south-1', bucket: 'shipcrowd-files', accessKeyId: 'AKIASHIPCROWDTEST', secretAccessKey: 'not-the-secret', forcePathStyle: true });
    try {
      await expect(wrong.put('a/b.png', Buffer.from('x'), 'image/png')).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    } finally {
      wrong.destroy();
    }
  });

  it('refuses unsafe keys before any request', async () => {
    const before = sim.requests.length;
    await expect(storage.put('../etc/passwd', Buffer.from('x'), 'text/plain')).rejects.toMatchObject({ code: 'storage.invalid_key' });
    await expect(storage.signedUrl('/abs/key', 60)).rejects.toMatchObject({ code: 'storage.invalid_key' });
    expect(sim.requests.length).toBe(before);
  });
});
