/**
 * Email through a local SMTP server (`smtp-server`): the reviewers' digest and the reporters'
 * "You said, we did", in English and in Welsh, each as plain text and simple HTML.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpSender } from '../../server/deliveries/email';
import {
  addUser,
  drain,
  fileReports,
  testClock,
  testWorker,
} from './support/deliveries';
import {
  openTestStore,
  STORE_KINDS,
  TEST_NOW,
  type TestStore,
} from './support/harness';

interface Mail {
  to: string;
  raw: string;
}

/** A local SMTP server that keeps every message. */
async function startSmtp(): Promise<{
  port: number;
  mails: Mail[];
  close(): Promise<void>;
}> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The decoded text of a MIME message (quoted-printable soft breaks joined). */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/(=[0-9A-F]{2})+/g, (m) =>
      Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'),
    );
}

describe.each(STORE_KINDS)('email on %s', (kind) => {
  let t: TestStore;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeEach(async () => {
    t = await openTestStore(kind);
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await smtp.close();
    await t.close();
  });

  const worker = (clock = testClock()) =>
    testWorker(t.store, clock, {
      mail: smtpSender(
        `smtp://127.0.0.1:${smtp.port}`,
        'Snag <snag@example-council.gov.uk>',
        'https://snag.example-council.gov.uk',
      ),
    });

  it.each([
    [
      'en',
      'You said, we did',
      'Thank you for reporting this problem',
      'What the reviewer said:',
    ],
    [
      'cy',
      'Dywedoch chi, gwnaethon ni',
      'Diolch am roi gwybod am y broblem hon',
      'Beth ddywedodd yr adolygydd:',
    ],
  ] as const)(
    'sends "You said, we did" in %s with the closing comment, to reporters who opted in',
    async (language, subject, intro, said) => {
      const reporter = await addUser(t.store, 'Ray', 'reporter');
      const quiet = await addUser(t.store, 'Quiet', 'reporter');
      const reviewer = await addUser(t.store, 'Rita', 'reviewer');
      await t.store.webhooks.setSettings(reporter.user.id, {
        email: 'ray@example.org',
        language,
        digest: 'off',
        youSaidWeDid: true,
      });
      const [id = ''] = await fileReports(t.store, reporter, 1);
      const [other = ''] = await fileReports(t.store, quiet, 1);
      const at = TEST_NOW.toISOString();
      await t.store.addComment(
        id,
        {
          id: '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b',
          body: 'The <form> now saves as you go.',
        },
        reviewer.user,
        at,
      );
      for (const report of [id, other])
        await t.store.triage(
          report,
          { baseVersion: 0, status: 'fixed' },
          reviewer.user,
          at,
        );
      await drain(worker());
      expect(smtp.mails).toHaveLength(1);
      const mail = decoded(smtp.mails[0]?.raw ?? '');
      expect(smtp.mails[0]?.to).toBe('ray@example.org');
      expect(mail).toMatch(/Content-Type: multipart\/alternative/);
      expect(mail).toMatch(/Content-Type: text\/plain/);
      expect(mail).toMatch(/Content-Type: text\/html/);
      expect(mail).toContain(subject);
      expect(mail).toContain(intro);
      expect(mail).toContain(said);
      expect(mail).toContain('The <form> now saves as you go.');
      expect(mail).toContain('The &lt;form&gt; now saves as you go.');
      expect(mail).toContain(
        `https://snag.example-council.gov.uk/reports/${id}`,
      );
    },
  );

  it.each([
    [
      'en',
      'Your daily Snag digest',
      'New reports (2)',
      'Open reports by severity and risk',
    ],
    [
      'cy',
      'Eich crynodeb dyddiol o Snag',
      'Adroddiadau newydd (2)',
      'Adroddiadau agored yn ôl difrifoldeb a risg',
    ],
  ] as const)(
    'sends reviewers a digest in %s, once a day',
    async (language, subject, newHeading, matrixHeading) => {
      const reviewer = await addUser(t.store, 'Rita', 'reviewer');
      const reporter = await addUser(t.store, 'Ray', 'reporter');
      await t.store.webhooks.setSettings(reviewer.user.id, {
        email: 'rita@example.org',
        language,
        digest: 'daily',
        youSaidWeDid: false,
      });
      // A reporter cannot have a digest, even by asking.
      await t.store.webhooks.setSettings(reporter.user.id, {
        email: 'ray@example.org',
        language,
        digest: 'daily',
        youSaidWeDid: false,
      });
      const [id = ''] = await fileReports(t.store, reporter, 2);
      await t.store.triage(
        id,
        { baseVersion: 0, securityRisk: 3 },
        reviewer.user,
        TEST_NOW.toISOString(),
      );
      const clock = testClock();
      const w = worker(clock);
      await drain(w);
      expect(smtp.mails).toHaveLength(1);
      const mail = decoded(smtp.mails[0]?.raw ?? '');
      expect(smtp.mails[0]?.to).toBe('rita@example.org');
      expect(mail).toContain(subject);
      expect(mail).toContain(newHeading);
      expect(mail).toContain(matrixHeading);
      expect(mail).toMatch(/: 1 (reports|adroddiad)/);
      // Not again the same day, but again the next.
      clock.advance(3_600_000);
      await drain(worker(clock));
      expect(smtp.mails).toHaveLength(1);
      clock.advance(24 * 3_600_000);
      await drain(worker(clock));
      expect(smtp.mails).toHaveLength(2);
    },
  );
});
