/** Who runs a command: the interface layer builds it from the authenticated principal. */
export interface Actor {
  userId: string;
  companyId: string;
  via: 'jwt' | 'api_key';
}

export const ORDER_IMPORTS_QUEUE = 'order-imports';

export interface OrderImportJob {
  importId: string;
  companyId: string;
}
