/**
 * Admin-only routes: users and their tokens, and the service catalogue.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import {
  createdUser,
  newUser,
  reapplyAnswer,
  routes,
  serviceList,
  userList,
  userParams,
  type CreatedUser,
  type ReapplyAnswer,
} from '../../protocol/api';
import { userOf } from '../auth';
import { revokeProblem } from '../domain/access';
import { normaliseCatalogue } from '../domain/catalogue';
import { HttpError } from '../errors';
import { mintUser } from '../tokens';
import { parseOr400 } from '../validation';
import type { RouteDeps } from './deps';

/** `GET|POST /users` and `DELETE /users/:id`. */
function users(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.get(
    routes.users,
    {
      config: {
        auth: 'admin',
        doc: {
          summary: 'Every user, revoked ones included',
          response: userList,
        },
      },
    },
    async () => store.listUsers(),
  );

  api.post(
    routes.users,
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
      await request.audit('user-added', user.id, {
        role: user.role,
        team: user.team,
      });
      const created: CreatedUser = {
        id: user.id,
        name: user.name,
        role: user.role,
        team: user.team,
        token,
      };
      return reply.code(201).send(created);
    },
  );

  api.delete(
    routes.user,
    {
      config: {
        auth: 'admin',
        doc: { summary: "Revoke a user's token and end their sessions" },
      },
    },
    async (request, reply) => {
      const { id } = parseOr400(userParams, request.params, 'path');
      const refused = revokeProblem(userOf(request), id);
      if (refused) throw new HttpError(400, refused);
      const revoked = await store.revokeUser(id, now().toISOString());
      if (!revoked) throw new HttpError(404, 'No active user has this id');
      await request.audit('user-revoked', id, {});
      return reply.code(204).send();
    },
  );
}

/** `GET|PUT /services` and `POST /services/reapply`. */
function services(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.get(
    routes.services,
    {
      config: {
        auth: 'admin',
        doc: { summary: 'The service catalogue', response: serviceList },
      },
    },
    async () => store.getServices(),
  );

  api.put(
    routes.services,
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
      const catalogue = normaliseCatalogue(
        parseOr400(serviceList, request.body),
      );
      if (!catalogue.ok) throw new HttpError(400, `body: ${catalogue.message}`);
      await store.putServices(catalogue.entries);
      return store.getServices();
    },
  );

  api.post(
    routes.reapplyServices,
    {
      config: {
        auth: 'admin',
        doc: {
          summary:
            'Re-apply the catalogue to every report; answers how many changed',
          response: reapplyAnswer,
        },
      },
    },
    async (): Promise<ReapplyAnswer> => ({
      changed: await store.reapplyServices(now().toISOString()),
    }),
  );
}

/** `/users`, `/services`. */
export const adminRoutes: FastifyPluginAsync<RouteDeps> = async (api, deps) => {
  users(api, deps);
  services(api, deps);
};
