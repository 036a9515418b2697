/** A dependency that cannot be reached at start-up: the message names the variable that points at it. */
export class StartupError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'StartupError';
  }
}

export async function withStartupTimeout<T>(variable: string, target: string, timeoutMs: number, attempt: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StartupError(variable, `cannot reach ${target} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([attempt(), timeout]);
  } catch (error) {
    if (error instanceof StartupError) throw error;
    const reason = error instanceof Error ? (error as NodeJS.ErrnoException).code ?? error.message : String(error);
    throw new StartupError(variable, `cannot reach ${target} (${reason})`);
  } finally {
    clearTimeout(timer);
  }
}
