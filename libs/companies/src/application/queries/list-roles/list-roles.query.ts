export class ListRoles {
  constructor(
    readonly companyId: string,
    readonly userId: string,
  ) {}
}

export interface RoleView {
  key: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  permissions: string[];
  /** Custom roles only (null for built-ins). */
  version: number | null;
}
