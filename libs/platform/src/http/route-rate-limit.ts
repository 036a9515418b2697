import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/config.schema';

/** Settings a route may name as its own limit: requests per client address per minute. */
export type PerMinuteLimitSetting = Extract<keyof AppConfig, `${string}_PER_MINUTE`>;

const ROUTE_LIMIT_SETTING = 'shipcrowdRateLimitPerMinute';

/**
 * Gives a route its own rate limit instead of the global one: at most `config[setting]` requests per client address
 * per minute, counted apart from the route's neighbours (its own key space in the shared Redis store). The number is
 * read from the config when the route is registered, so it follows the environment like every other setting.
 */
export function RateLimitPerMinute(setting: PerMinuteLimitSetting): MethodDecorator {
  return RouteConfig({ [ROUTE_LIMIT_SETTING]: setting });
}

/**
 * Turns @RateLimitPerMinute routes into @fastify/rate-limit route configuration. Must be added before the rate-limit
 * plugin registers, so this onRoute hook runs before the plugin's own.
 */
export function resolveRouteRateLimits(fastify: FastifyInstance, config: AppConfig): void {
  fastify.addHook('onRoute', (route) => {
    const setting = (route.config as Record<string, unknown> | undefined)?.[ROUTE_LIMIT_SETTING] as PerMinuteLimitSetting | undefined;
    // A new object: the decorator's metadata is shared by every application built in this process.
    if (setting) route.config = { ...route.config, rateLimit: { max: config[setting], timeWindow: 60_000 } } as typeof route.config;
  });
}
