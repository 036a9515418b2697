/** Who asks for a change (from the authenticated principal). */
export interface Actor {
  userId: string;
  companyId: string | null;
  platformAdmin: boolean;
}
