import { AggregateRoot } from '@shipcrowd/kernel';

export interface CustomRoleProps {
  companyId: string;
  key: string;
  name: string;
  description: string | null;
  permissions: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** A company-defined role; its key is what memberships store in `role`. */
export class CustomRole extends AggregateRoot {
  private constructor(id: string, version: number, readonly props: CustomRoleProps) {
    super(id, version);
  }

  static define(id: string, props: CustomRoleProps): CustomRole {
    return new CustomRole(id, 1, props);
  }

  static restore(id: string, version: number, props: CustomRoleProps): CustomRole {
    return new CustomRole(id, version, props);
  }

  edit(patch: { name?: string; description?: string | null; permissions?: string[] }, now: Date): void {
    Object.assign(this.props, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), { updatedAt: now });
  }
}
