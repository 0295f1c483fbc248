/**
 * Deliveries in the admin API: webhook subscriptions (create, list, edit, pause, delete,
 * rotate the secret), their delivery log with redelivery, a test event, the allow-list, and a
 * check of an address before it is saved. Each user's own email settings are here too.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import {
  allowList,
  createdWebhook,
  deliveryList,
  deliveryParams,
  newWebhook,
  notificationSettings,
  queuedDelivery,
  rotateBody,
  rotatedSecret,
  urlCheck,
  urlCheckAnswer,
  webhookList,
  webhookParams,
  webhookPatch,
  webhookRoutes as r,
  webhookSummary,
} from '../../protocol/webhooks';
import { userOf } from '../auth';
import { entryProblem, parseAllowList } from '../deliveries/allow';
import { pickAddress, urlProblem } from '../deliveries/http';
import { newSecret } from '../deliveries/signing';
import { HttpError } from '../errors';
import { parseOr400 } from '../validation';
import type { RouteDeps } from './deps';

/** Bodies here are small; a subscription with every filter fits in far less. */
const BODY_LIMIT = 16 * 1024;

/** Why this address may not receive, or null; checked before a subscription is saved. */
async function addressProblem(
  url: string,
  deps: RouteDeps,
): Promise<string | null> {
  const bad = urlProblem(url);
  if (bad) return bad;
  const allow = parseAllowList([
    ...deps.config.deliveries.allow,
    ...(await deps.store.webhooks.allowList()),
  ]);
  const picked = await pickAddress(new URL(url), allow);
  return 'refused' in picked ? picked.refused : null;
}

async function checkedOr400(url: string, deps: RouteDeps): Promise<void> {
  const problem = await addressProblem(url, deps);
  if (problem) throw new HttpError(400, `url: ${problem}`);
}

function idOf(params: unknown): string {
  return parseOr400(webhookParams, params, 'path').id;
}

/** Subscriptions themselves. */
function subscriptions(api: FastifyInstance, deps: RouteDeps): void {
  const { store, now } = deps;
  api.get(
    r.webhooks,
    {
      config: {
        doc: { summary: 'Every webhook subscription', response: webhookList },
      },
    },
    async () => store.webhooks.list(),
  );

  api.post(
    r.webhooks,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary:
            'Subscribe an address; the signing secret is shown only in this answer',
          body: newWebhook,
          response: createdWebhook,
        },
      },
    },
    async (request, reply) => {
      const input = parseOr400(newWebhook, request.body);
      await checkedOr400(input.url, deps);
      const id = randomUUID();
      const secret = newSecret();
      const webhook = await store.webhooks.create({
        id,
        url: input.url,
        kind: input.kind,
        events: [...new Set(input.events)],
        filters: input.filters ?? {},
        includeText: input.includeText ?? false,
        description: input.description?.trim() ?? '',
        secret,
        createdAt: now().toISOString(),
      });
      return reply.code(201).send({ id, secret, webhook });
    },
  );
}

/** Editing, deleting and rotating the secret of a subscription. */
function subscriptionEdits(api: FastifyInstance, deps: RouteDeps): void {
  const { store, now } = deps;
  api.patch(
    r.webhook,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary: 'Edit, pause or resume a subscription',
          body: webhookPatch,
          response: webhookSummary,
        },
      },
    },
    async (request) => {
      const id = idOf(request.params);
      const patch = parseOr400(webhookPatch, request.body ?? {});
      if (patch.url !== undefined) await checkedOr400(patch.url, deps);
      const updated = await store.webhooks.update(id, patch);
      if (!updated)
        throw new HttpError(404, 'There is no subscription with this id');
      return updated;
    },
  );

  api.delete(
    r.webhook,
    {
      config: {
        doc: { summary: 'Delete a subscription and its delivery log' },
      },
    },
    async (request, reply) => {
      if (!(await store.webhooks.remove(idOf(request.params))))
        throw new HttpError(404, 'There is no subscription with this id');
      return reply.code(204).send();
    },
  );

  api.post(
    r.rotate,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary:
            'A new signing secret; the old one also signs for the overlap (24 h unless told)',
          body: rotateBody,
          response: rotatedSecret,
        },
      },
    },
    async (request) => {
      const id = idOf(request.params);
      const { overlapHours = 24 } = parseOr400(rotateBody, request.body ?? {});
      const secret = newSecret();
      const until =
        overlapHours > 0
          ? new Date(now().getTime() + overlapHours * 3_600_000).toISOString()
          : null;
      if (!(await store.webhooks.rotate(id, secret, until)))
        throw new HttpError(404, 'There is no subscription with this id');
      return { secret, previousSecretUntil: until };
    },
  );
}

/** The delivery log, redelivery and the test event. */
function deliveries(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.get(
    r.deliveries,
    {
      config: {
        doc: {
          summary: "A subscription's last 100 deliveries, newest first",
          response: deliveryList,
        },
      },
    },
    async (request) => {
      const id = idOf(request.params);
      if (!(await store.webhooks.get(id)))
        throw new HttpError(404, 'There is no subscription with this id');
      return store.deliveryQueue.log(id, 100);
    },
  );

  api.post(
    r.test,
    {
      config: {
        doc: { summary: 'Send a test event now', response: queuedDelivery },
      },
    },
    async (request, reply) => {
      const deliveryId = await store.webhooks.enqueueTest(
        idOf(request.params),
        now().getTime(),
      );
      if (!deliveryId)
        throw new HttpError(404, 'There is no subscription with this id');
      return reply.code(202).send({ deliveryId });
    },
  );

  api.post(
    r.redeliver,
    {
      config: {
        doc: {
          summary: 'Send a delivery again, with the same webhook-id',
          response: queuedDelivery,
        },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = parseOr400(
        deliveryParams,
        request.params,
        'path',
      );
      if (
        !(await store.deliveryQueue.redeliver(id, deliveryId, now().getTime()))
      )
        throw new HttpError(
          404,
          'There is no such delivery to this subscription, or it is being sent right now',
        );
      return reply.code(202).send({ deliveryId });
    },
  );
}

/** The allow-list and the address check. */
function addresses(api: FastifyInstance, deps: RouteDeps): void {
  const { store, config } = deps;
  api.get(
    r.allow,
    {
      config: {
        doc: {
          summary: 'Hosts and CIDR ranges that may receive',
          response: allowList,
        },
      },
    },
    async () => ({
      entries: await store.webhooks.allowList(),
      fromEnvironment: config.deliveries.allow,
    }),
  );

  api.put(
    r.allow,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary: 'Replace the allow-list set in Admin',
          body: allowList,
          response: allowList,
        },
      },
    },
    async (request) => {
      const { entries } = parseOr400(allowList, request.body);
      const clean = entries.map((e) => e.trim().toLowerCase()).filter(Boolean);
      for (const entry of clean) {
        const problem = entryProblem(entry);
        if (problem) throw new HttpError(400, `entries: ${problem}`);
      }
      await store.webhooks.setAllowList(clean);
      return {
        entries: await store.webhooks.allowList(),
        fromEnvironment: config.deliveries.allow,
      };
    },
  );

  api.post(
    r.check,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        doc: {
          summary:
            'Whether an address may receive, checked as a delivery would be',
          body: urlCheck,
          response: urlCheckAnswer,
        },
      },
    },
    async (request) => {
      const { url } = parseOr400(urlCheck, request.body);
      const problem = await addressProblem(url, deps);
      return problem
        ? { ok: false, message: problem }
        : { ok: true, message: 'Snag may send to this address' };
    },
  );
}

/** A user's own email settings. */
function settings(api: FastifyInstance, { store }: RouteDeps): void {
  api.get(
    r.myNotifications,
    {
      config: {
        auth: 'reporter',
        doc: { summary: 'Your email settings', response: notificationSettings },
      },
    },
    async (request) => store.webhooks.settings(userOf(request).id),
  );

  api.put(
    r.myNotifications,
    {
      bodyLimit: BODY_LIMIT,
      config: {
        auth: 'reporter',
        doc: {
          summary:
            'Change your email settings (digests are for reviewers and admins)',
          body: notificationSettings,
          response: notificationSettings,
        },
      },
    },
    async (request) => {
      const input = parseOr400(notificationSettings, request.body);
      if ((input.digest !== 'off' || input.youSaidWeDid) && !input.email)
        throw new HttpError(
          400,
          'email: give an email address to receive email',
        );
      const user = userOf(request);
      await store.webhooks.setSettings(user.id, input);
      return store.webhooks.settings(user.id);
    },
  );
}

/** Every delivery route; admin only, but for one's own settings. */
export const webhookRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  deps,
) => {
  subscriptions(api, deps);
  subscriptionEdits(api, deps);
  deliveries(api, deps);
  addresses(api, deps);
  settings(api, deps);
};
