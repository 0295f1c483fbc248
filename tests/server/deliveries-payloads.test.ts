/**
 * What targets receive: Teams Adaptive Cards and Slack Block Kit (snapshots, and shape checks
 * against the parts of each schema we use), subscription filters, and what a payload may say
 * about a report.
 */
import * as z from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBody, slackEscape } from '../../server/deliveries/render';
import type { EventPayload } from '../../server/deliveries/rules';
import {
  addUser,
  drain,
  fileReports,
  subscribe,
  testClock,
  testWorker,
} from './support/deliveries';
import {
  openTestStore,
  STORE_KINDS,
  TEST_NOW,
  type TestStore,
} from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';
import { makeReport } from './support/reports';

const BASE = 'https://snag.example-council.gov.uk';
const REPORT_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

const triaged: EventPayload = {
  type: 'report.status_changed',
  at: TEST_NOW.toISOString(),
  reportId: REPORT_ID,
  report: {
    id: REPORT_ID,
    title: 'Apply for a <parking> permit & pay',
    kinds: ['hard-to-use', 'insecure-workaround'],
    service: 'Parking permits',
    status: 'in-progress',
    usabilitySeverity: 3,
    securityRisk: 4,
  },
  changes: { status: ['triaged', 'in-progress'] },
};

/** The Adaptive Card 1.4 elements we send, as its schema defines them. */
const textBlock = z.object({
  type: z.literal('TextBlock'),
  text: z.string().min(1),
  wrap: z.boolean().optional(),
  weight: z.enum(['Default', 'Lighter', 'Bolder']).optional(),
  size: z
    .enum(['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'])
    .optional(),
});
const factSet = z.object({
  type: z.literal('FactSet'),
  facts: z.array(z.object({ title: z.string(), value: z.string() })).min(1),
});
const adaptiveMessage = z.object({
  type: z.literal('message'),
  attachments: z
    .array(
      z.object({
        contentType: z.literal('application/vnd.microsoft.card.adaptive'),
        contentUrl: z.null(),
        content: z.object({
          $schema: z.literal(
            'http://adaptivecards.io/schemas/adaptive-card.json',
          ),
          type: z.literal('AdaptiveCard'),
          version: z.string().regex(/^1\.[0-6]$/),
          body: z.array(z.union([textBlock, factSet])).min(1),
          actions: z.array(
            z.object({
              type: z.literal('Action.OpenUrl'),
              title: z.string(),
              url: z.url(),
            }),
          ),
        }),
      }),
    )
    .length(1),
});

/** The Block Kit blocks we send, with Slack's documented limits. */
const plainText = z.object({
  type: z.literal('plain_text'),
  text: z.string().min(1),
  emoji: z.boolean().optional(),
});
const mrkdwn = z.object({
  type: z.literal('mrkdwn'),
  text: z.string().max(3000),
});
const slackMessage = z.object({
  text: z.string().min(1),
  blocks: z
    .array(
      z.union([
        z.object({
          type: z.literal('header'),
          text: plainText.extend({ text: z.string().min(1).max(150) }),
        }),
        z.object({
          type: z.literal('section'),
          text: mrkdwn.optional(),
          fields: z
            .array(mrkdwn.extend({ text: z.string().max(2000) }))
            .max(10)
            .optional(),
        }),
        z.object({
          type: z.literal('actions'),
          elements: z
            .array(
              z.object({
                type: z.literal('button'),
                text: plainText.extend({ text: z.string().max(75) }),
                url: z.url().max(3000),
                action_id: z.string().max(255),
              }),
            )
            .max(25),
        }),
      ]),
    )
    .max(50),
});

describe('chat messages', () => {
  it('Teams gets an Adaptive Card with title, kinds, severity, risk, service and Open in Snag', () => {
    const body = JSON.parse(renderBody('teams', triaged, BASE)) as unknown;
    const message = adaptiveMessage.parse(body);
    const card = message.attachments[0]?.content;
    expect(card?.actions[0]).toEqual({
      type: 'Action.OpenUrl',
      title: 'Open in Snag',
      url: `${BASE}/reports/${REPORT_ID}`,
    });
    expect(body).toMatchSnapshot();
  });

  it('Slack gets Block Kit with the same facts, escaped, and a button', () => {
    const body = JSON.parse(renderBody('slack', triaged, BASE)) as unknown;
    slackMessage.parse(body);
    // The fallback text is read as mrkdwn; the header is plain text.
    expect((body as { text: string }).text).toContain(
      '&lt;parking&gt; permit &amp; pay',
    );
    expect(body).toMatchSnapshot();
  });

  it('a test event has a card and blocks too', () => {
    const test: EventPayload = {
      type: 'webhook.test',
      at: TEST_NOW.toISOString(),
      reportId: null,
    };
    adaptiveMessage.parse(JSON.parse(renderBody('teams', test, BASE)));
    slackMessage.parse(JSON.parse(renderBody('slack', test, BASE)));
  });

  it('escapes Slack mrkdwn', () => {
    expect(slackEscape('<@U123> & <!channel>')).toBe(
      '&lt;@U123&gt; &amp; &lt;!channel&gt;',
    );
  });
});

describe.each(STORE_KINDS)('subscriptions and payloads on %s', (kind) => {
  let t: TestStore;
  let receiver: Receiver;

  beforeEach(async () => {
    t = await openTestStore(kind);
    receiver = await startReceiver([], () => TEST_NOW.getTime());
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  it("filters by minimum security risk: IT's channel hears only of risk 3 or more", async () => {
    const clock = testClock();
    const hook = await subscribe(t.store, receiver.url, {
      kind: 'teams',
      events: ['report.triaged'],
      filters: { minRisk: 3 },
    });
    receiver.secrets.push(hook.secret);
    const reporter = await addUser(t.store, 'Ray', 'reporter');
    const reviewer = await addUser(t.store, 'Rita', 'reviewer');
    const [low, high] = await fileReports(t.store, reporter, 2);
    const at = TEST_NOW.toISOString();
    await t.store.triage(
      low ?? '',
      { baseVersion: 0, securityRisk: 2 },
      reviewer.user,
      at,
    );
    await t.store.triage(
      high ?? '',
      { baseVersion: 0, securityRisk: 3 },
      reviewer.user,
      at,
    );
    await drain(testWorker(t.store, clock));
    expect(receiver.received).toHaveLength(1);
    const card = adaptiveMessage.parse(
      JSON.parse(receiver.received[0]?.body ?? ''),
    );
    expect(JSON.stringify(card)).toContain(high);
    expect((await t.store.deliveryQueue.log(hook.id))[0]?.state).toBe(
      'delivered',
    );
  });

  it('sends report text only when asked, and never for a report flagged as personal data', async () => {
    const clock = testClock();
    await subscribe(t.store, receiver.url, { includeText: true });
    await subscribe(t.store, receiver.url, { includeText: false });
    const reporter = await addUser(t.store, 'Ray', 'reporter');
    await fileReports(t.store, reporter, 1);
    // The server's own personal-data check flags this one as it is filed.
    await t.store.putReport(
      makeReport(
        { whatHappened: 'The resident had to email jo.bloggs@example.com' },
        1,
      ),
      reporter.user,
      TEST_NOW.toISOString(),
    );
    await drain(testWorker(t.store, clock));
    const texts = receiver.received.map(
      (r) =>
        (JSON.parse(r.body) as { data: { report: { text?: string } } }).data
          .report.text,
    );
    expect(texts.filter((x) => x !== undefined)).toHaveLength(1);
    expect(texts.find((x) => x !== undefined)).toMatch(
      /Trying to finish the form/,
    );
  });

  it('sends triage and status changes with the fields that changed, and redactions with ids only', async () => {
    const clock = testClock();
    await subscribe(t.store, receiver.url, {
      events: [
        'report.triaged',
        'report.status_changed',
        'comment.created',
        'report.redacted',
      ],
      includeText: true,
    });
    const reporter = await addUser(t.store, 'Ray', 'reporter');
    const reviewer = await addUser(t.store, 'Rita', 'reviewer');
    const [id = ''] = await fileReports(t.store, reporter, 1);
    const at = TEST_NOW.toISOString();
    await t.store.triage(
      id,
      { baseVersion: 0, status: 'triaged', usabilitySeverity: 2 },
      reviewer.user,
      at,
    );
    await t.store.addComment(
      id,
      { id: '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b', body: 'Looking' },
      reviewer.user,
      at,
    );
    const { enqueueRedacted } =
      await import('../../server/store/sql/deliveries');
    await t.store.driver.transaction((tx) => enqueueRedacted(tx, id, at));
    await drain(testWorker(t.store, clock));
    const bodies = receiver.received.map(
      (r) =>
        JSON.parse(r.body) as { type: string; data: Record<string, unknown> },
    );
    expect(bodies.map((b) => b.type).sort()).toEqual([
      'comment.created',
      'report.redacted',
      'report.status_changed',
      'report.triaged',
    ]);
    const byType = Object.fromEntries(bodies.map((b) => [b.type, b.data]));
    expect(byType['report.triaged']?.changes).toEqual({
      status: ['new', 'triaged'],
      usabilitySeverity: [null, 2],
    });
    expect(byType['comment.created']?.comment).toEqual({
      id: '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b',
      body: 'Looking',
    });
    expect(byType['report.redacted']).toEqual({
      reportId: id,
      link: `${BASE}/reports/${id}`,
    });
  });
});
