/**
 * Routes that need no sign-in: health, dashboard branding, and the OpenAPI document.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  councilConfig,
  health,
  routes,
  type CouncilConfig,
  type Health,
} from '../../protocol/api';
import { SERVER_VERSION } from '../config';
import { buildOpenApi } from '../openapi';
import type { RouteDeps } from './deps';

/** `/health`, `/config`, `/openapi.json`. */
export const metaRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, config, provider },
) => {
  api.get(
    routes.health,
    {
      config: {
        auth: 'public',
        doc: {
          summary: 'Is this a Snag server, and is it well?',
          response: health,
        },
      },
    },
    async (): Promise<Health> => ({
      service: 'snag',
      status: 'ok',
      store: store.kind,
      migration: store.migration,
      version: SERVER_VERSION,
      // The server keeps serving pasted tokens when the provider fails, so it stays "ok".
      ...(provider ? { sso: provider.currentStatus() } : {}),
    }),
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
