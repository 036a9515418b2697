/** What other contexts may use of the identity context. */

export interface UserView {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  status: 'active' | 'deactivated' | 'pending_deletion';
  platformAdmin: boolean;
}

export interface IdentityFacade {
  findUserByEmail(email: string): Promise<UserView | null>;
  getUser(userId: string): Promise<UserView | null>;
  /** Signs the user out everywhere (e.g. removed from the team or deactivated). */
  revokeAllSessions(userId: string, reason: string): Promise<void>;
}

export const IDENTITY_FACADE = Symbol('IdentityFacade');
