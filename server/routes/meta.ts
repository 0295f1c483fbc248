/**
 * Routes that need no sign-in: health, dashboard branding, and the OpenAPI document.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  councilConfig,
  health,
  liveness,
  routes,
  type CouncilConfig,
  type Health,
  type Liveness,
} from '../../protocol/api';
import { SERVER_VERSION } from '../config';
import { notReadyReason, withTimeout } from '../domain/readiness';
import { HttpError } from '../errors';
import { buildOpenApi } from '../openapi';
import type { RouteDeps } from './deps';

/** `/health` (= `/health/ready`), `/health/live`, `/config`, `/openapi.json`. */
export const metaRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, config, provider },
) => {
  const ready = async (request: FastifyRequest): Promise<Health> => {
    try {
      await withTimeout(() => store.checkWritable());
    } catch (error) {
      request.log.error({ err: error }, 'not ready: the store cannot write');
      throw new HttpError(503, `Not ready: ${notReadyReason(error)}`);
    }
    return {
      service: 'snag',
      status: 'ok',
      store: store.kind,
      migration: store.migration,
      version: SERVER_VERSION,
      // The server keeps serving pasted tokens when the provider fails, so it stays "ok".
      ...(provider ? { sso: provider.currentStatus() } : {}),
    };
  };
  const readyDoc = {
    auth: 'public' as const,
    doc: {
      summary:
        'Can this server take reports now? 503 with the reason if its store cannot write',
      response: health,
    },
  };
  api.get(routes.healthReady, { config: readyDoc }, ready);
  // The old path stays, meaning "ready", so existing monitors catch a full disk too.
  api.get(routes.health, { config: readyDoc }, ready);
  api.get(
    routes.healthLive,
    {
      config: {
        auth: 'public',
        doc: {
          summary: 'Is the process up? Never touches the store',
          response: liveness,
        },
      },
    },
    async (): Promise<Liveness> => ({ service: 'snag', status: 'ok' }),
  );
  api.get(
    routes.config,
    {
      config: {
        auth: 'public',
        doc: {
          summary: "The council's name and colour, for the dashboard",
          response: councilConfig,
        },
      },
    },
    async (): Promise<CouncilConfig> => ({
      councilName: config.councilName,
      colour: config.councilColour,
    }),
  );
  api.get(
    routes.openapi,
    { config: { auth: 'public', doc: { summary: 'This document' } } },
    async () => buildOpenApi(),
  );
};
