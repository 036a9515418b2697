/** Who asks: the company they act for and the user (null for system work such as an import job). */
export interface OrdersActor {
  companyId: string;
  userId: string | null;
}
