import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is asking, carried through a request or job for logs, audit and tenancy. */
export interface RequestContext {
  requestId: string;
  ip?: string;
  userAgent?: string;
  userId?: string;
  companyId?: string;
  apiKeyId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  /** Adds what authentication learned (user, company) to the current request's context. */
  assign(values: Partial<RequestContext>): void {
    const ctx = storage.getStore();
    if (ctx) Object.assign(ctx, values);
  },
};
