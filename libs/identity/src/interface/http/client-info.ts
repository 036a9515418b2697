import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from '../../application/services/client-info';

export function clientOf(request: FastifyRequest): ClientInfo {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: (Array.isArray(ua) ? ua[0] : ua) ?? null };
}
