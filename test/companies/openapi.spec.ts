import { TestApp } from '@shipcrowd/platform/testing';
import { companiesTestApp } from './support';

describe('companies OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await companiesTestApp();
  });
  afterAll(() => t.close());

  it('documents every companies, team, admin and files route with a tag, summary, security and a typed success response', async () => {
    const doc = (await t.http({ method: 'GET', url: '/docs/openapi.json' })).json();
    const ops: [string, string, Record<string, any>][] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      if (!/^\/v1\/(companies|team|admin\/companies|permissions|files)/.test(path)) continue;
      for (const [method, op] of Object.entries(item)) ops.push([method, path, op]);
    }
    expect(ops.length).toBe(29);
    for (const [method, path, op] of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect([where, op.tags?.length]).toEqual([where, 1]);
      expect(['companies', 'team', 'admin', 'files']).toContain(op.tags[0]);
      expect([where, typeof op.summary]).toEqual([where, 'string']);
      expect([where, op.responses['429']]).toEqual([where, expect.anything()]);
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      expect([where, success.length]).toEqual([where, 1]);
      if (success[0] !== '204') expect([where, op.responses[success[0]].content]).toEqual([where, expect.anything()]);
      if (path.startsWith('/v1/files')) expect(op.security).toEqual([]);
      else expect([where, op.responses['401']]).toEqual([where, expect.anything()]);
    }
    const patch = doc.paths['/v1/team/members/{userId}'].patch;
    expect(patch['x-permissions']).toEqual(['team.manage']);
    expect(patch.operationId).toBe('teamMembers_changeMemberRole');
    expect(doc.components.schemas.CompanyDto.properties.billing).toBeDefined();
  });
});
