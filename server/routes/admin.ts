/**
 * Admin-only routes: users and their tokens, and the service catalogue.
 */
import type { FastifyPluginAsync } from 'fastify';
import * as z from 'zod/mini';
import { createdUser, ROLES } from '../../protocol/api';
import { userOf } from '../auth';
import { HttpError } from '../errors';
import { mintUser } from '../tokens';
import { parseOr400 } from '../validation';
import type { RouteDeps } from './deps';

const newUser = z.strictObject({
  name: z.string().check(
    z.minLength(1),
    z.maxLength(200),
    z.refine((s) => s.trim().length > 0, 'A name is needed'),
  ),
  role: z.enum(ROLES),
  team: z.optional(z.nullable(z.enum(['it', 'digital']))),
});
const serviceEntry = z.strictObject({
  hostname: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(253),
      z.regex(/^[A-Za-z0-9.-]+$/, 'Expected a hostname'),
    ),
  pathPrefix: z
    .string()
    .check(
      z.maxLength(500),
      z.regex(/^(\/.*)?$/, 'A path prefix starts with /'),
    ),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
});
const serviceList = z.array(serviceEntry).check(z.maxLength(2000));
const userIdParams = z.object({
  id: z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'Expected a user id')),
});

/** `/users`, `/services`. */
export const adminRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, now },
) => {
  api.get(
    '/users',
    {
      config: {
        auth: 'admin',
        doc: { summary: 'Every user, revoked ones included' },
      },
    },
    async () => store.listUsers(),
  );

  api.post(
    '/users',
    {
      config: {
        auth: 'admin',
        doc: {
          summary: 'Create a user; the token is shown only in this answer',
          body: newUser,
          response: createdUser,
        },
      },
    },
    async (request, reply) => {
      const input = parseOr400(newUser, request.body);
      const { user, token } = mintUser(
        input.name.trim(),
        input.role,
        input.team ?? null,
        now(),
      );
      await store.createUser(user);
      return reply.code(201).send({
        id: user.id,
        name: user.name,
        role: user.role,
        team: user.team,
        token,
      });
    },
  );

  api.delete(
    '/users/:id',
    {
      config: {
        auth: 'admin',
        doc: { summary: "Revoke a user's token and end their sessions" },
      },
    },
    async (request, reply) => {
      const { id } = parseOr400(userIdParams, request.params, 'path');
      if (id === userOf(request).id)
        throw new HttpError(400, 'Admins cannot revoke themselves');
      const revoked = await store.revokeUser(id, now().toISOString());
      if (!revoked) throw new HttpError(404, 'No active user has this id');
      return reply.code(204).send();
    },
  );

  api.get(
    '/services',
    {
      config: {
        auth: 'admin',
        doc: { summary: 'The service catalogue', response: serviceList },
      },
    },
    async () => store.getServices(),
  );

  api.put(
    '/services',
    {
      config: {
        auth: 'admin',
        doc: {
          summary: 'Replace the service catalogue',
          body: serviceList,
          response: serviceList,
        },
      },
    },
    async (request) => {
      const entries = parseOr400(serviceList, request.body);
      const normalised = entries.map((e) => ({
        ...e,
        hostname: e.hostname.toLowerCase(),
        pathPrefix: e.pathPrefix || '/',
      }));
      const keys = new Set(
        normalised.map((e) => `${e.hostname} ${e.pathPrefix}`),
      );
      if (keys.size !== normalised.length)
        throw new HttpError(
          400,
          'body: each hostname and path prefix may appear once',
        );
      await store.putServices(normalised);
      return store.getServices();
    },
  );

  api.post(
    '/services/reapply',
    {
      config: {
        auth: 'admin',
        doc: {
          summary:
            'Re-apply the catalogue to every report; answers how many changed',
        },
      },
    },
    async () => ({ changed: await store.reapplyServices(now().toISOString()) }),
  );
};
