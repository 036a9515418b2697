import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, Registry } from 'prom-client';

/**
 * GET /metrics under API_PROCESSES > 1: a scrape lands on one HTTP process, which asks the supervisor over IPC; the
 * supervisor gathers every process's registry (prom-client's cluster protocol) and answers with their sum, so
 * Prometheus sees one API whichever process it reached.
 */
const REQUEST = 'shipcrowd:cluster-metrics?';
const ANSWER = 'shipcrowd:cluster-metrics';
const WAIT_MS = 5_000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: string;
}

interface MetricsAnswer {
  type: typeof ANSWER;
  id: string;
  body?: string;
  contentType?: string;
  error?: string;
}

/** Supervisor side: answers every HTTP process's request with the aggregate. Returns a function that stops it. */
export function serveClusterMetrics(): () => void {
  const aggregator = new AggregatorRegistry();
  const onMessage = (worker: { send(message: unknown): boolean }, message: MetricsRequest) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (body) => worker.send({ type: ANSWER, id: message.id, body, contentType: aggregator.contentType } satisfies MetricsAnswer),
      (error: Error) => worker.send({ type: ANSWER, id: message.id, error: error.message } satisfies MetricsAnswer),
    );
  };
  cluster.on('message', onMessage);
  return () => cluster.off('message', onMessage);
}

/** HTTP process side: lets the supervisor read this registry (prom-client answers its requests). */
export function shareRegistryWithCluster(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one installs prom-client's IPC listener in this process.
  new AggregatorRegistry();
}

/** HTTP process side: the whole cluster's metrics, from the supervisor. */
export function clusterMetrics(): Promise<{ body: string; contentType: string }> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('the cluster supervisor did not answer in time')), WAIT_MS);
    const onMessage = (message: MetricsAnswer) => {
      if (message?.type !== ANSWER || message.id !== id) return;
      if (message.error !== undefined || message.body === undefined) finish(new Error(message.error ?? 'no metrics'));
      else finish(undefined, { body: message.body, contentType: message.contentType ?? 'text/plain; version=0.0.4; charset=utf-8' });
    };
    const finish = (error?: Error, result?: { body: string; contentType: string }) => {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (error) reject(error);
      else resolve(result!);
    };
    process.on('message', onMessage);
    process.send!({ type: REQUEST, id } satisfies MetricsRequest);
  });
}
