/** Where a request came from; controllers pass it in so handlers never read the HTTP request. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}
