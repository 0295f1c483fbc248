/**
 * Routes that need no sign-in: health, dashboard branding, and the OpenAPI document.
 */
import type { FastifyPluginAsync } from 'fastify';
import * as z from 'zod/mini';
import { health, type Health } from '../../protocol/api';
import { SERVER_VERSION } from '../config';
import { buildOpenApi } from '../openapi';
import type { RouteDeps } from './deps';

const councilConfig = z.object({ councilName: z.string(), colour: z.string() });

/** `/health`, `/config`, `/openapi.json`. */
export const metaRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, config },
) => {
  api.get(
    '/health',
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
    }),
  );
  api.get(
    '/config',
    {
      config: {
        auth: 'public',
        doc: {
          summary: "The council's name and colour, for the dashboard",
          response: councilConfig,
        },
      },
    },
    async () => ({
      councilName: config.councilName,
      colour: config.councilColour,
    }),
  );
  api.get(
    '/openapi.json',
    { config: { auth: 'public', doc: { summary: 'This document' } } },
    async () => buildOpenApi(),
  );
};
