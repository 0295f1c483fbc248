/**
 * The admin API for deliveries: subscriptions, the signing secret shown once, clear refusals
 * of bad or disallowed addresses, the test event, the delivery log with redelivery, rotation,
 * the allow-list, and each user's email settings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDeliverySettings } from '../../server/deliveries/settings';
import { drain, testClock, testWorker } from './support/deliveries';
import { openTestApp, STORE_KINDS, type TestApp } from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';

const API = '/api/v1';

describe.each(STORE_KINDS)('webhook admin API on %s', (kind) => {
  let t: TestApp;
  let receiver: Receiver;
  const clock = testClock();

  beforeEach(async () => {
    t = await openTestApp(
      kind,
      {
        deliveries: readDeliverySettings({ SNAG_WEBHOOK_ALLOW: '127.0.0.0/8' }),
      },
      clock.now,
    );
    receiver = await startReceiver([], () => clock.ms);
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  const call = (method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url: `${API}${url}`,
      headers: t.admin.auth,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('creates a subscription, shows its secret once, tests it and redelivers', async () => {
    const created = await call('POST', '/webhooks', {
      url: receiver.url,
      kind: 'standard',
      events: ['report.created', 'report.triaged'],
      filters: { minRisk: 3, kinds: ['insecure-workaround'] },
    });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json<{ id: string; secret: string }>();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    receiver.secrets.push(secret);
    const list = await call('GET', '/webhooks');
    expect(JSON.stringify(list.json())).not.toContain(secret);
    expect(list.json()).toMatchObject([
      { id, paused: false, filters: { minRisk: 3 } },
    ]);

    const test = await call('POST', `/webhooks/${id}/test`);
    expect(test.statusCode).toBe(202);
    await drain(testWorker(t.store, clock));
    expect(receiver.accepted).toEqual([test.json().deliveryId]);
    const log = await call('GET', `/webhooks/${id}/deliveries`);
    expect(log.json()).toMatchObject([
      {
        id: test.json().deliveryId,
        event: 'webhook.test',
        state: 'delivered',
        responseStatus: 200,
        response: 'ok',
      },
    ]);
    const again = await call(
      'POST',
      `/webhooks/${id}/deliveries/${test.json().deliveryId}/redeliver`,
    );
    expect(again.statusCode).toBe(202);
    await drain(testWorker(t.store, clock));
    expect(receiver.accepted).toHaveLength(2);
  });

  it('refuses a bad URL or a refused host with a message a person can act on', async () => {
    const bad = await call('POST', '/webhooks', {
      url: 'hooks.example.org',
      kind: 'teams',
      events: ['report.created'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe(
      'url: This is not a web address; it should start with https://',
    );
    const internal = await call('POST', '/webhooks', {
      url: 'http://10.1.2.3/hook',
      kind: 'slack',
      events: ['report.created'],
    });
    expect(internal.statusCode).toBe(400);
    expect(internal.json().error.message).toMatch(
      /10\.1\.2\.3, a private, loopback or link-local address; add a CIDR range/,
    );
    const check = await call('POST', '/webhooks/check', {
      url: 'http://10.1.2.3/hook',
    });
    expect(check.json()).toMatchObject({ ok: false });
    expect(await t.store.webhooks.list()).toHaveLength(0);
    // Allowing the range in Admin lets it through.
    const allow = await call('PUT', '/webhooks/allow', {
      entries: ['10.1.0.0/16'],
    });
    expect(allow.json()).toEqual({
      entries: ['10.1.0.0/16'],
      fromEnvironment: ['127.0.0.0/8'],
    });
    expect(
      (
        await call('POST', '/webhooks/check', { url: 'http://10.1.2.3/hook' })
      ).json(),
    ).toEqual({ ok: true, message: 'Snag may send to this address' });
    const badEntry = await call('PUT', '/webhooks/allow', {
      entries: ['10.0.0.0/40'],
    });
    expect(badEntry.statusCode).toBe(400);
  });

  it('pauses, edits, rotates and deletes', async () => {
    const { id } = (
      await call('POST', '/webhooks', {
        url: receiver.url,
        kind: 'standard',
        events: ['report.created'],
      })
    ).json<{ id: string }>();
    const paused = await call('PATCH', `/webhooks/${id}`, {
      paused: true,
      events: ['comment.created'],
    });
    expect(paused.json()).toMatchObject({
      paused: true,
      events: ['comment.created'],
    });
    const rotated = await call('POST', `/webhooks/${id}/rotate`, {
      overlapHours: 2,
    });
    expect(rotated.json()).toEqual({
      secret: expect.stringMatching(/^whsec_/),
      previousSecretUntil: new Date(clock.ms + 2 * 3_600_000).toISOString(),
    });
    expect((await call('DELETE', `/webhooks/${id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/webhooks/${id}`)).statusCode).toBe(404);
    expect((await call('GET', `/webhooks/${id}/deliveries`)).statusCode).toBe(
      404,
    );
    expect(
      (await call('GET', '/webhooks/not-an-id/deliveries')).statusCode,
    ).toBe(400);
  });

  it('refuses a body over the limit', async () => {
    const huge = await call('POST', '/webhooks', {
      url: receiver.url,
      kind: 'standard',
      events: ['report.created'],
      description: 'x'.repeat(20_000),
    });
    expect(huge.statusCode).toBe(413);
  });

  it("keeps each user's own email settings", async () => {
    const mine = (payload?: unknown) =>
      t.app.inject({
        method: payload ? 'PUT' : 'GET',
        url: `${API}/me/notifications`,
        headers: t.reporter.auth,
        ...(payload ? { payload: payload as object } : {}),
      });
    expect((await mine()).json()).toEqual({
      email: null,
      language: 'en',
      digest: 'off',
      youSaidWeDid: false,
    });
    const noAddress = await mine({
      email: null,
      language: 'cy',
      digest: 'off',
      youSaidWeDid: true,
    });
    expect(noAddress.statusCode).toBe(400);
    const set = await mine({
      email: 'ray@example.org',
      language: 'cy',
      digest: 'off',
      youSaidWeDid: true,
    });
    expect(set.json()).toMatchObject({ language: 'cy', youSaidWeDid: true });
  });
});
