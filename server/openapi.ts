/**
 * `/openapi.json`, generated from the routes as registered and the protocol's zod schemas, so
 * the document cannot drift from what the server does.
 */
import * as z from 'zod/mini';
import type { RouteOptions } from 'fastify';
import { apiError } from '../protocol/api';
import type { RouteAuth } from './auth';
import type { RouteDoc } from './routes/deps';
import { SERVER_VERSION } from './config';

/** One API route as the server registered it. */
export interface RouteInfo {
  method: string;
  /** Fastify path, e.g. `/api/v1/reports/:id`. */
  url: string;
  auth: RouteAuth;
  doc?: RouteDoc;
}

const known = new Map<string, RouteInfo>();

/** Records an API route (called from an `onRoute` hook); HEAD twins are skipped. */
export function recordRoute(route: RouteOptions): RouteInfo[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const config = (route.config ?? {}) as { auth?: RouteAuth; doc?: RouteDoc };
  const out: RouteInfo[] = [];
  for (const method of methods) {
    if (method === 'HEAD' || method === 'OPTIONS') continue;
    const info: RouteInfo = {
      method,
      url: route.url,
      auth: config.auth ?? 'admin',
      doc: config.doc,
    };
    known.set(`${method} ${route.url}`, info);
    out.push(info);
  }
  return out;
}

function schemaOf(schema: z.ZodMiniType): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
  } catch {
    return {};
  }
}

/** The OpenAPI 3.1 document for every recorded route. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = { 'application/json': { schema: schemaOf(apiError) } };
  for (const route of [...known.values()].sort((a, b) =>
    a.url.localeCompare(b.url),
  )) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = (route.doc?.query ?? []).map((name) => ({
      name,
      in: 'query',
      required: false,
      schema: { type: 'string' },
    }));
    const operation: Record<string, unknown> = {
      summary: route.doc?.summary ?? '',
      parameters: [...params, ...query],
      security:
        route.auth === 'public'
          ? []
          : route.auth === 'session'
            ? [{ session: [] }]
            : [{ bearer: [] }, { session: [] }],
      'x-snag-role': route.auth,
      responses: {
        '200': {
          description: 'Success',
          ...(route.doc?.response
            ? {
                content: {
                  'application/json': { schema: schemaOf(route.doc.response) },
                },
              }
            : route.doc?.mediaType && route.method === 'GET'
              ? { content: { [route.doc.mediaType]: {} } }
              : {}),
        },
        default: { description: 'An error', content: errorContent },
      },
    };
    if (route.doc?.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(route.doc.body) } },
      };
    } else if (route.doc?.mediaType && route.method !== 'GET') {
      operation.requestBody = {
        required: true,
        content: { [route.doc.mediaType]: {} },
      };
    }
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] =
      operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Snag API', version: SERVER_VERSION },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'snag_session' },
      },
    },
  };
}
