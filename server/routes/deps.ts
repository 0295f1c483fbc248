/**
 * What every route plugin is given: the store, the configuration, a clock (injected so tests
 * can pin time) and the identity provider.
 */
import type { ZodMiniType } from 'zod/mini';
import type { ServerConfig } from '../config';
import type { IdentityProvider } from '../sign-in/provider';
import type { Store } from '../store/store';

/** Route plugin options. */
export interface RouteDeps {
  store: Store;
  config: ServerConfig;
  now: () => Date;
  /** The council's identity provider, when single sign-on is configured. */
  provider: IdentityProvider | null;
}

/** How a route describes itself in `/openapi.json`. */
export interface RouteDoc {
  summary: string;
  /** JSON body schema, if the route takes one. */
  body?: ZodMiniType;
  /** Schema of the 2xx answer, if JSON. */
  response?: ZodMiniType;
  /** Media type of a non-JSON body or answer. */
  mediaType?: string;
  /** Query parameter names. */
  query?: readonly string[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's entry in `/openapi.json`. */
    doc?: RouteDoc;
  }
}
