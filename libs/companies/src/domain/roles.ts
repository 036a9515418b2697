import { DomainError } from '@shipcrowd/kernel';
import { BuiltInRole, Permission, PERMISSIONS } from '../../contracts';

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/**
 * Built-in roles. Custom roles are built from the same catalogue.
 *
 * | role    | permissions                                                             |
 * |---------|-------------------------------------------------------------------------|
 * | owner   | everything                                                              |
 * | admin   | everything except company.delete                                        |
 * | manager | company.read, team.read, team.invite, audit.read, api_keys.manage,      |
 * |         | warehouses.*, orders.*, rates.read, rates.manage, shipments.*           |
 * | member  | company.read, team.read, warehouses.read, orders.read/write/import,     |
 * |         | rates.read, shipments.read/write                                        |
 * | viewer  | company.read, warehouses.read, orders.read, rates.read, shipments.read  |
 */
export const BUILT_IN_ROLES: Readonly<Record<BuiltInRole, { name: string; permissions: readonly Permission[] }>> = {
  owner: { name: 'Owner', permissions: ALL_PERMISSIONS },
  admin: { name: 'Admin', permissions: ALL_PERMISSIONS.filter((p) => p !== 'company.delete') },
  manager: {
    name: 'Manager',
    permissions: ['company.read', 'team.read', 'team.invite', 'audit.read', 'api_keys.manage', 'warehouses.read', 'warehouses.manage', 'orders.read', 'orders.write', 'orders.import', 'orders.routing.manage', 'rates.read', 'rates.manage', 'shipments.read', 'shipments.write'],
  },
  member: { name: 'Member', permissions: ['company.read', 'team.read', 'warehouses.read', 'orders.read', 'orders.write', 'orders.import', 'rates.read', 'shipments.read', 'shipments.write'] },
  viewer: { name: 'Viewer', permissions: ['company.read', 'warehouses.read', 'orders.read', 'rates.read', 'shipments.read'] },
};

/** Owners only: a custom role can never carry it (admins do not have it either). */
export const OWNER_ONLY_PERMISSIONS: readonly Permission[] = ['company.delete'];

export const CUSTOM_ROLE_KEY = /^[a-z][a-z0-9_]{1,31}$/;

export function isBuiltInRole(role: string): role is BuiltInRole {
  return Object.prototype.hasOwnProperty.call(BUILT_IN_ROLES, role);
}

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}

/**
 * Checks a custom role definition: key shape, not shadowing a built-in, permissions from the catalogue,
 * none reserved for owners, and none the author does not hold (no privilege escalation through roles).
 */
export function assertValidCustomRole(input: { key?: string; name?: string; permissions?: string[] }, authorPermissions: readonly string[]): void {
  const errors: { field: string; message: string; code: string }[] = [];
  if (input.key !== undefined) {
    if (!CUSTOM_ROLE_KEY.test(input.key)) errors.push({ field: 'key', message: 'must be 2-32 characters: a-z, 0-9, _ and start with a letter', code: 'format' });
    else if (isBuiltInRole(input.key)) errors.push({ field: 'key', message: 'is a built-in role name', code: 'reserved' });
  }
  if (input.permissions !== undefined) {
    if (input.permissions.length === 0) errors.push({ field: 'permissions', message: 'must name at least one permission', code: 'empty' });
    if (new Set(input.permissions).size !== input.permissions.length) errors.push({ field: 'permissions', message: 'must not repeat a permission', code: 'duplicate' });
    input.permissions.forEach((p, i) => {
      if (!isPermission(p)) errors.push({ field: `permissions[${i}]`, message: `${p} is not a permission`, code: 'unknown_permission' });
      else if (OWNER_ONLY_PERMISSIONS.includes(p)) errors.push({ field: `permissions[${i}]`, message: `${p} is reserved for owners`, code: 'reserved_permission' });
      else if (!authorPermissions.includes(p)) errors.push({ field: `permissions[${i}]`, message: `you do not hold ${p}, so you cannot grant it`, code: 'not_held' });
    });
  }
  if (errors.length) throw new DomainError('roles.invalid', errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are invalid`, 'validation', { errors });
}
