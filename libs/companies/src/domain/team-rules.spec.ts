import { assertActive, assertKeepsAnOwner, assertMayGrant, assertMayManage, assertRoomForMore, MemberFacts } from './team-rules';
import { assertValidCustomRole, BUILT_IN_ROLES, ALL_PERMISSIONS } from './roles';

const m = (userId: string, role: string, status: 'active' | 'deactivated' = 'active'): MemberFacts => ({ userId, role, status });

describe('team rules', () => {
  it('nobody changes themselves', () => {
    expect(() => assertMayManage(m('a', 'owner'), m('a', 'owner'))).toThrow(expect.objectContaining({ code: 'team.cannot_change_self' }));
  });

  it('only owners change owners or grant owner', () => {
    expect(() => assertMayManage(m('a', 'admin'), m('b', 'owner'))).toThrow(expect.objectContaining({ code: 'team.owner_required' }));
    expect(() => assertMayManage(m('a', 'owner'), m('b', 'owner'))).not.toThrow();
    expect(() => assertMayManage(m('a', 'admin'), m('b', 'member'))).not.toThrow();
    expect(() => assertMayGrant(m('a', 'admin'), 'owner')).toThrow(expect.objectContaining({ code: 'team.owner_required' }));
    expect(() => assertMayGrant(m('a', 'owner'), 'owner')).not.toThrow();
    expect(() => assertMayGrant(m('a', 'admin'), 'manager')).not.toThrow();
  });

  it('deactivated members manage nobody', () => {
    expect(() => assertActive(m('a', 'owner', 'deactivated'))).toThrow(expect.objectContaining({ code: 'team.actor_deactivated' }));
    expect(() => assertMayManage(m('a', 'owner', 'deactivated'), m('b', 'member'))).toThrow(expect.objectContaining({ code: 'team.actor_deactivated' }));
  });

  it.each(['demote', 'deactivate', 'remove'] as const)('the last active owner cannot be %sd', (change) => {
    expect(() => assertKeepsAnOwner(m('b', 'owner'), 1, change)).toThrow(expect.objectContaining({ code: 'team.last_owner', kind: 'conflict' }));
    expect(() => assertKeepsAnOwner(m('b', 'owner'), 2, change)).not.toThrow();
    expect(() => assertKeepsAnOwner(m('b', 'owner', 'deactivated'), 1, change)).not.toThrow();
    expect(() => assertKeepsAnOwner(m('b', 'admin'), 1, change)).not.toThrow();
  });

  it('caps members plus pending invitations at 200', () => {
    expect(() => assertRoomForMore(199, 0)).not.toThrow();
    expect(() => assertRoomForMore(150, 50)).toThrow(expect.objectContaining({ code: 'team.member_limit' }));
  });
});

describe('roles', () => {
  it('built-ins match the documented table', () => {
    expect(BUILT_IN_ROLES.owner.permissions).toEqual(ALL_PERMISSIONS);
    expect(BUILT_IN_ROLES.admin.permissions).toEqual(ALL_PERMISSIONS.filter((p) => p !== 'company.delete'));
    const shipping = ['warehouses.read', 'warehouses.manage', 'orders.read', 'orders.write', 'orders.import', 'orders.routing.manage', 'rates.read', 'rates.manage', 'shipments.read', 'shipments.write'];
    expect(BUILT_IN_ROLES.manager.permissions).toEqual(['company.read', 'team.read', 'team.invite', 'audit.read', 'api_keys.manage', ...shipping]);
    expect(BUILT_IN_ROLES.member.permissions).toEqual(['company.read', 'team.read', 'warehouses.read', 'orders.read', 'orders.write', 'orders.import', 'rates.read', 'shipments.read', 'shipments.write']);
    expect(BUILT_IN_ROLES.viewer.permissions).toEqual(['company.read', 'warehouses.read', 'orders.read', 'rates.read', 'shipments.read']);
  });

  it('custom roles: key shape, catalogue only, no owner-only or unheld permissions, no duplicates', () => {
    expect(() => assertValidCustomRole({ key: 'ops_lead', permissions: ['company.read'] }, ALL_PERMISSIONS)).not.toThrow();
    const codes = (input: Parameters<typeof assertValidCustomRole>[0], held: readonly string[] = ALL_PERMISSIONS) => {
      try {
        assertValidCustomRole(input, held);
        return [];
      } catch (e) {
        return (e as { details: { errors: { code: string }[] } }).details.errors.map((x) => x.code);
      }
    };
    expect(codes({ key: '9lives' })).toEqual(['format']);
    expect(codes({ key: 'owner' })).toEqual(['reserved']);
    expect(codes({ permissions: [] })).toEqual(['empty']);
    expect(codes({ permissions: ['company.read', 'company.read'] })).toEqual(['duplicate']);
    expect(codes({ permissions: ['nope'] })).toEqual(['unknown_permission']);
    expect(codes({ permissions: ['company.delete'] })).toEqual(['reserved_permission']);
    expect(codes({ permissions: ['team.manage'] }, ['company.read'])).toEqual(['not_held']);
  });
});
