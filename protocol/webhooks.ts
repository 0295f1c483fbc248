/**
 * The contract of deliveries: webhook subscriptions (Standard Webhooks, Teams, Slack), their
 * delivery log, the allow-list of hosts that may receive, and each user's email settings.
 * Admin routes live under `/api/v1/webhooks`; a user's own settings under `/me/notifications`.
 */
import * as z from 'zod/mini';

/** Events a subscription can ask for. */
export const WEBHOOK_EVENTS = [
  'report.created',
  'report.triaged',
  'report.status_changed',
  'comment.created',
  'report.redacted',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The event `POST /webhooks/:id/test` sends. */
export const TEST_EVENT = 'webhook.test';

/** How a subscription's target wants its messages. */
export const WEBHOOK_KINDS = ['standard', 'teams', 'slack'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** Problem kinds, as filters name them. */
export const PROBLEM_KINDS = ['hard-to-use', 'insecure-workaround'] as const;

/** Route patterns, relative to `/api/v1`. */
export const webhookRoutes = {
  webhooks: '/webhooks',
  webhook: '/webhooks/:id',
  check: '/webhooks/check',
  allow: '/webhooks/allow',
  rotate: '/webhooks/:id/rotate',
  test: '/webhooks/:id/test',
  deliveries: '/webhooks/:id/deliveries',
  redeliver: '/webhooks/:id/deliveries/:deliveryId/redeliver',
  myNotifications: '/me/notifications',
} as const;

const rating = z.int().check(z.gte(1), z.lte(4));

/** Which reports a subscription hears about; an empty or absent filter lets all through. */
export const webhookFilters = z.strictObject({
  kinds: z.optional(z.array(z.enum(PROBLEM_KINDS))),
  services: z.optional(z.array(z.string().check(z.maxLength(200)))),
  minSeverity: z.optional(rating),
  minRisk: z.optional(rating),
});
export type WebhookFilters = z.infer<typeof webhookFilters>;

const webhookUrl = z.string().check(z.minLength(1), z.maxLength(2000));

/** `POST /webhooks` body. */
export const newWebhook = z.strictObject({
  url: webhookUrl,
  kind: z.enum(WEBHOOK_KINDS),
  events: z.array(z.enum(WEBHOOK_EVENTS)).check(z.minLength(1)),
  filters: z.optional(webhookFilters),
  /** Whether report text may be sent (never for reports flagged as personal data). */
  includeText: z.optional(z.boolean()),
  description: z.optional(z.string().check(z.maxLength(200))),
});
export type NewWebhook = z.infer<typeof newWebhook>;

/** `PATCH /webhooks/:id` body. */
export const webhookPatch = z.strictObject({
  url: z.optional(webhookUrl),
  events: z.optional(z.array(z.enum(WEBHOOK_EVENTS)).check(z.minLength(1))),
  filters: z.optional(webhookFilters),
  includeText: z.optional(z.boolean()),
  description: z.optional(z.string().check(z.maxLength(200))),
  paused: z.optional(z.boolean()),
});
export type WebhookPatch = z.infer<typeof webhookPatch>;

/** A subscription as the admin API shows it; never its secret. */
export const webhookSummary = z.object({
  id: z.string(),
  url: z.string(),
  kind: z.enum(WEBHOOK_KINDS),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  filters: webhookFilters,
  includeText: z.boolean(),
  description: z.string(),
  paused: z.boolean(),
  createdAt: z.string(),
  /** Until when the previous secret still signs, during a rotation. */
  previousSecretUntil: z.nullable(z.string()),
});
export type WebhookSummary = z.infer<typeof webhookSummary>;

/** `GET /webhooks`. */
export const webhookList = z.array(webhookSummary);

/** `POST /webhooks` answer: the secret is shown only here. */
export const createdWebhook = z.object({
  id: z.string(),
  secret: z.string(),
  webhook: webhookSummary,
});

/** `POST /webhooks/:id/rotate` body and answer. */
export const rotateBody = z.strictObject({
  /** How long the old secret keeps signing too (default 24). */
  overlapHours: z.optional(z.int().check(z.gte(0), z.lte(168))),
});
export const rotatedSecret = z.object({
  secret: z.string(),
  previousSecretUntil: z.nullable(z.string()),
});

/** `POST /webhooks/check` body and answer: is this address one we would send to? */
export const urlCheck = z.strictObject({ url: webhookUrl });
export const urlCheckAnswer = z.object({
  ok: z.boolean(),
  message: z.string(),
});

/** `GET|PUT /webhooks/allow`: host names and CIDR ranges set in Admin. */
export const allowList = z.object({
  /** Entries set in Admin. */
  entries: z.array(z.string().check(z.minLength(1), z.maxLength(100))),
  /** Entries from `SNAG_WEBHOOK_ALLOW`, read-only here. */
  fromEnvironment: z.optional(z.array(z.string())),
});

/** Where a delivery is in its life. */
export const DELIVERY_STATES = [
  'pending',
  'delivering',
  'delivered',
  'failed',
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One delivery as the log shows it. */
export const deliverySummary = z.object({
  id: z.string(),
  event: z.string(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.int(),
  createdAt: z.string(),
  deliveredAt: z.nullable(z.string()),
  nextAttemptAt: z.nullable(z.string()),
  responseStatus: z.nullable(z.int()),
  latencyMs: z.nullable(z.int()),
  /** The first 500 bytes of the answer. */
  response: z.nullable(z.string()),
  error: z.nullable(z.string()),
});
export type DeliverySummary = z.infer<typeof deliverySummary>;

/** `GET /webhooks/:id/deliveries`: the last 100, newest first. */
export const deliveryList = z.array(deliverySummary);

/** `POST /webhooks/:id/test` and redeliver answer. */
export const queuedDelivery = z.object({ deliveryId: z.string() });

/** Path parameters. */
export const webhookParams = z.object({ id: z.uuid() });
export const deliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

/** `GET|PUT /me/notifications`: a user's own email settings. */
export const notificationSettings = z.strictObject({
  email: z.nullable(z.email().check(z.maxLength(320))),
  language: z.enum(['en', 'cy']),
  /** Reviewers' digest of new reports and changes. */
  digest: z.enum(['off', 'daily', 'weekly']),
  /** Reporters: an email when their report is fixed, with the closing comment. */
  youSaidWeDid: z.boolean(),
});
export type NotificationSettings = z.infer<typeof notificationSettings>;

const API = '/api/v1';
const one = (route: string) => (id: string) =>
  `${API}${route.replace(':id', encodeURIComponent(id))}`;

/** Full paths of the delivery routes. */
export const webhookPaths = {
  webhooks: `${API}${webhookRoutes.webhooks}`,
  webhook: one(webhookRoutes.webhook),
  check: `${API}${webhookRoutes.check}`,
  allow: `${API}${webhookRoutes.allow}`,
  rotate: one(webhookRoutes.rotate),
  test: one(webhookRoutes.test),
  deliveries: one(webhookRoutes.deliveries),
  redeliver: (id: string, deliveryId: string) =>
    `${one(webhookRoutes.redeliver)(id).replace(':deliveryId', encodeURIComponent(deliveryId))}`,
  myNotifications: `${API}${webhookRoutes.myNotifications}`,
} as const;
