/** Who asks: the company whose data it is and the user (null for jobs and API keys without a user). */
export interface Actor {
  companyId: string;
  userId: string | null;
}
