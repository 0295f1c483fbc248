/**
 * The review dashboard end to end: real Chromium against a real server child process, seeded
 * through the API, driven by role and accessible name as reviewers would use it.
 */
import AxeBuilder from '@axe-core/playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/browser';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredReport } from '../../protocol/report';
import { startSnagServer, type SnagServer } from './pages/dashboard-server';
import { ApiClient, makeReport } from './pages/dashboard-data';
import { DashboardPage, TRIAGE } from './pages/dashboard';

let server: SnagServer;
let browser: Browser;
let admin: ApiClient;
let reporter: ApiClient;
let itLead: { token: string; name: string };
let digitalLead: { token: string; name: string };
let reporterToken: string;
const contexts: BrowserContext[] = [];
const seeded: StoredReport[] = [];

async function open(token?: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  const dashboard = new DashboardPage(page, server.url);
  if (token) await dashboard.signIn(token);
  return dashboard;
}

beforeAll(async () => {
  server = await startSnagServer({
    SNAG_COUNCIL_NAME: 'Northmoor Borough Council',
    SNAG_COUNCIL_COLOUR: '#5b2a86',
  });
  const adminUser = await server.addUser('Ada Admin', 'admin');
  admin = new ApiClient(server.url, adminUser.token);
  const make = async (name: string, role: string, team?: string) => {
    const { status, body } = await admin.call<{ token: string; name: string }>(
      'POST',
      '/users',
      {
        name,
        role,
        ...(team ? { team } : {}),
      },
    );
    if (status >= 300)
      throw new Error(`POST /users: ${status} ${JSON.stringify(body)}`);
    return body;
  };
  itLead = await make('Ian IT', 'reviewer', 'it');
  digitalLead = await make('Dee Digital', 'reviewer', 'digital');
  reporterToken = (await make('Rita Reporter', 'reporter')).token;
  reporter = new ApiClient(server.url, reporterToken);

  const seeds = [
    makeReport({
      trying: 'Renew a parking permit',
      service: 'Parking',
      url: 'https://www.example-council.gov.uk/parking/permits',
    }),
    makeReport({
      trying: 'Apply for a blue badge',
      service: 'Blue badges',
      url: 'https://www.example-council.gov.uk/blue-badge/apply',
      problems: [
        {
          kind: 'insecure-workaround',
          workarounds: ['personal-email'],
          dataInvolved: 'special-category',
        },
      ],
      whatHappened:
        'The upload fails, so staff email the medical evidence from home.',
      screenshot: true,
    }),
    makeReport({
      trying: 'Book a bulky waste collection',
      service: 'Waste and recycling',
    }),
    makeReport({
      trying: 'Pay a council tax bill',
      service: 'Council tax',
      url: 'https://www.example-council.gov.uk/council-tax/pay',
      problems: [
        { kind: 'hard-to-use', usabilityCategories: ['forces-contact'] },
        {
          kind: 'insecure-workaround',
          workarounds: ['shared-account'],
          dataInvolved: 'financial',
        },
      ],
    }),
    makeReport({
      trying: '<img src=x onerror=alert(1)>',
      whatHappened: '<script>alert(2)</script> and <b>bold</b>',
      note: '<img src=y onerror=alert(3)>',
      service: 'Parking',
    }),
  ];
  for (const seed of seeds) seeded.push(await reporter.putReport(seed));
  const shot = await reporter.putScreenshot(
    byTrying('Apply for a blue badge').id,
  );
  if (shot >= 300) throw new Error(`PUT screenshot: ${shot}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function byTrying(trying: string): StoredReport {
  const report = seeded.find((r) => r.trying === trying);
  if (!report) throw new Error(`no seeded report "${trying}"`);
  return report;
}

describe('review dashboard', () => {
  it('shows the council’s name and colour, never the GOV.UK crown or typeface', async () => {
    const d = await open();
    await d.goto('/sign-in');
    await expect
      .poll(() => d.page.locator('.snag-header').textContent())
      .toContain('Northmoor Borough Council');
    const style = await d.page.evaluate(() => {
      const header = document.querySelector('.snag-header');
      return {
        background: header ? getComputedStyle(header).backgroundColor : '',
        font: getComputedStyle(document.body).fontFamily,
        fonts: [...document.fonts].map((f) => f.family),
        crest: document.querySelectorAll(
          '.govuk-header__logotype, [class*="crown"]',
        ).length,
      };
    });
    expect(style.background).toBe('rgb(91, 42, 134)');
    expect(style.font).not.toMatch(/GDS Transport/i);
    expect(style.fonts.join()).not.toMatch(/GDS Transport/i);
    expect(style.crest).toBe(0);
  });

  it('refuses a wrong token, then signs in, filters, opens a report, triages and comments', async () => {
    const d = await open();
    await d.goto('/');
    await expect.poll(() => d.page.url()).toContain('/sign-in');
    await d.page.getByLabel('Access token').fill('not-a-real-token-at-all');
    await d.page.getByRole('button', { name: 'Sign in' }).click();
    await d.page
      .getByText('That access token was not recognised')
      .first()
      .waitFor();

    await d.page.getByLabel('Access token').fill(digitalLead.token);
    await d.page.getByRole('button', { name: 'Sign in' }).click();
    await d.page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await expect
      .poll(() => d.count().textContent())
      .toMatch(/^\d+ new reports?$/);

    await d.page.getByRole('link', { name: 'All reports' }).click();
    await d.heading().filter({ hasText: 'All reports' }).waitFor();
    await d.filter('Problem kind').selectOption('insecure-workaround');
    await d.filter('Data involved').selectOption('special-category');
    await d.applyFilters();
    await expect
      .poll(() => d.page.url())
      .toContain('problem=insecure-workaround');
    expect(d.page.url()).toContain('dataInvolved=special-category');
    await expect.poll(() => d.count().textContent()).toBe('1 report');
    await expect
      .poll(() => d.reportLinks().allTextContents())
      .toEqual(['Apply for a blue badge']);

    // The filtered view is a link: a fresh load of the URL shows the same list.
    await d.page.reload();
    await expect.poll(() => d.count().textContent()).toBe('1 report');
    await expect
      .poll(() => d.filter('Problem kind').inputValue())
      .toBe('insecure-workaround');

    await d.reportLinks().first().click();
    const badge = byTrying('Apply for a blue badge');
    await expect
      .poll(() => d.page.url())
      .toBe(`${server.url}/reports/${badge.id}`);
    await d.heading().filter({ hasText: 'Apply for a blue badge' }).waitFor();
    const openLink = d.page.getByRole('link', { name: /Open on the page/ });
    expect(await openLink.getAttribute('href')).toBe(
      `https://www.example-council.gov.uk/blue-badge/apply#snag=${badge.id}`,
    );
    await d.page.getByText('call us on the number below').waitFor();
    const shot = d.page.getByRole('img', { name: /Screenshot of the page/ });
    await expect
      .poll(() => shot.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(1);

    await d.triage(TRIAGE.status).selectOption('triaged');
    await d.triage(TRIAGE.risk).selectOption('4');
    await d.triage(TRIAGE.severity).selectOption('3');
    await d.triage(TRIAGE.assignee).fill('Digital team');
    await d.saveTriage();
    await d.page.getByText('Triage saved.').first().waitFor();

    const saved = await admin.call<StoredReport>('GET', `/reports/${badge.id}`);
    expect(saved.body).toMatchObject({
      status: 'triaged',
      securityRisk: 4,
      usabilitySeverity: 3,
      assignee: 'Digital team',
    });
    // The history says who changed it and which team they speak for.
    const history = d.page.getByRole('region', { name: 'Triage history' });
    await history.getByText('Dee Digital').waitFor();
    await history.getByText('Digital', { exact: true }).first().waitFor();

    await d.comment(
      'Digital will fix the upload; see https://example.org/ticket/42 for the plan.',
    );
    await expect.poll(() => d.comments().count()).toBe(1);
    const link = d.comments().first().getByRole('link');
    expect(await link.getAttribute('href')).toBe(
      'https://example.org/ticket/42',
    );
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await d.comments().first().getByText('Digital', { exact: true }).waitFor();
  });

  it('shows a stale edit as changed by the other reviewer, with reload and overwrite', async () => {
    const report = byTrying('Book a bulky waste collection');
    const ian = await open(itLead.token);
    const dee = await open(digitalLead.token);
    await ian.goto(`/reports/${report.id}`);
    await dee.goto(`/reports/${report.id}`);
    await ian.triage(TRIAGE.risk).waitFor();
    await dee.triage(TRIAGE.severity).waitFor();

    await ian.triage(TRIAGE.risk).selectOption('2');
    await ian.saveTriage();
    await ian.page.getByText('Triage saved.').first().waitFor();

    await dee.triage(TRIAGE.severity).selectOption('4');
    await dee.saveTriage();
    const alert = dee.page
      .getByRole('alert')
      .filter({ hasText: 'Changed by Ian IT meanwhile' });
    await alert.waitFor();
    await alert.getByText('Security risk: now 2 – Medium').waitFor();

    await alert.getByRole('button', { name: 'Overwrite' }).click();
    await dee.page.getByText('Triage saved.').first().waitFor();
    const after = await admin.call<StoredReport>(
      'GET',
      `/reports/${report.id}`,
    );
    // Overwriting applies Dee's own change on top; Ian's risk rating survives.
    expect(after.body).toMatchObject({ usabilitySeverity: 4, securityRisk: 2 });

    // Now Ian is stale; he reloads instead and sees Dee's rating.
    await ian.triage(TRIAGE.status).selectOption('in-progress');
    await ian.saveTriage();
    const ianAlert = ian.page
      .getByRole('alert')
      .filter({ hasText: 'Changed by Dee Digital meanwhile' });
    await ianAlert.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => ian.triage(TRIAGE.severity).inputValue()).toBe('4');
    await expect.poll(() => ian.triage(TRIAGE.status).inputValue()).toBe('new');
  });

  it('shows a report sent through the API without a reload', async () => {
    const d = await open(itLead.token);
    await d.goto('/');
    const before = Number((await d.count().textContent())?.split(' ')[0]);
    const fresh = await reporter.putReport(
      makeReport({
        trying: 'Request a replacement recycling box',
        service: 'Waste and recycling',
      }),
    );
    await d.page
      .getByRole('link', { name: 'Request a replacement recycling box' })
      .waitFor();
    await expect
      .poll(() => d.count().textContent())
      .toBe(`${before + 1} new reports`);
    await expect
      .poll(() =>
        d.page
          .getByRole('status')
          .filter({ hasText: 'A new report has arrived.' })
          .count(),
      )
      .toBe(1);
    seeded.push(fresh);
  });

  it('exports the filtered rows as CSV and Web Annotation JSON-LD', async () => {
    const d = await open(itLead.token);
    await d.goto('/reports?service=Parking');
    await expect.poll(() => d.count().textContent()).toBe('2 reports');
    const csvHref = await d.page
      .getByRole('link', { name: 'CSV' })
      .getAttribute('href');
    expect(csvHref).toBe('/api/v1/export.csv?service=Parking');
    const csv = await d.page
      .context()
      .request.get(new URL(csvHref ?? '', server.url).href);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain('Renew a parking permit');
    expect(text).toContain(byTrying('Renew a parking permit').id);
    expect(text).not.toContain('Apply for a blue badge');
    expect(text).not.toContain('Pay a council tax bill');

    const jsonHref = await d.page
      .getByRole('link', { name: 'Web Annotation JSON-LD' })
      .getAttribute('href');
    const jsonld = await d.page
      .context()
      .request.get(new URL(jsonHref ?? '', server.url).href);
    expect(jsonld.status()).toBe(200);
    const body = await jsonld.text();
    expect(body).toContain('http://www.w3.org/ns/anno.jsonld');
    expect(body).not.toContain('Apply for a blue badge');
  });

  it('lets a reviewer triage and comment with the keyboard alone', async () => {
    const report = byTrying('Pay a council tax bill');
    const d = await open(itLead.token);
    await d.goto(`/reports/${report.id}`);
    const status = d.triage(TRIAGE.status);
    await status.waitFor();

    // Tab from the top of the page until the status control has focus.
    await d.page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await d.page.keyboard.press('Tab');
      reached = await status.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    // A visible focus indicator is drawn on the focused control.
    const outline = await status.evaluate(
      (el) => getComputedStyle(el).outlineStyle,
    );
    expect(outline).not.toBe('none');

    await d.page.keyboard.press('ArrowDown'); // new → triaged
    await d.page.keyboard.press('Tab'); // usability severity
    await d.page.keyboard.press('ArrowDown');
    await d.page.keyboard.press('ArrowDown');
    await d.page.keyboard.press('Tab'); // security risk
    await d.page.keyboard.press('ArrowDown');
    await d.page.keyboard.press('ArrowDown');
    await d.page.keyboard.press('ArrowDown');
    await d.page.keyboard.press('Tab'); // assignee
    await d.page.keyboard.type('Revenues team');
    await d.page.keyboard.press('Enter'); // submits the triage form
    await d.page.getByText('Triage saved.').first().waitFor();
    const saved = await admin.call<StoredReport>(
      'GET',
      `/reports/${report.id}`,
    );
    expect(saved.body).toMatchObject({
      status: 'triaged',
      usabilitySeverity: 2,
      securityRisk: 3,
      assignee: 'Revenues team',
    });

    await d.page.getByLabel(TRIAGE.comment, { exact: true }).focus();
    await d.page.keyboard.type('Shared login must go.');
    await d.page.keyboard.press('Tab');
    await d.page.keyboard.press('Enter');
    await expect
      .poll(() => d.comments().allTextContents())
      .toEqual([expect.stringContaining('Shared login must go.')]);
  });

  it('renders report text as text, opening no dialog', async () => {
    const report = byTrying('<img src=x onerror=alert(1)>');
    const d = await open(itLead.token);
    const dialogs: string[] = [];
    d.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await d.goto('/reports?service=Parking');
    await d.page
      .getByRole('link', { name: '<img src=x onerror=alert(1)>' })
      .waitFor();
    await d.goto(`/reports/${report.id}`);
    await d
      .heading()
      .filter({ hasText: '<img src=x onerror=alert(1)>' })
      .waitFor();
    await d.page
      .getByText('<script>alert(2)</script> and <b>bold</b>')
      .waitFor();
    await d.page.getByText('<img src=y onerror=alert(3)>').waitFor();
    await d.comment('<img src=z onerror=alert(4)> javascript:alert(5)');
    await d.comments().first().waitFor();
    expect(
      await d.page
        .locator(
          '#main-content img[src="x"], #main-content img[src="z"], #main-content b',
        )
        .count(),
    ).toBe(0);
    expect(await d.comments().first().getByRole('link').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('has no axe violations on the inbox, list, report, matrix, trends and admin pages', async () => {
    const d = await open(admin.token);
    const report = byTrying('Apply for a blue badge');
    for (const path of [
      '/',
      '/reports?status=new',
      `/reports/${report.id}`,
      '/matrix',
      '/trends',
      '/admin',
    ]) {
      await d.goto(path);
      await d.settled();
      const result = await new AxeBuilder({ page: d.page }).analyze();
      const violations = result.violations.map(
        (v) => `${path}: ${v.id} (${v.nodes.length})`,
      );
      expect(violations).toEqual([]);
    }
  });

  it('says in words how each note anchored when its page was last open, with no axe violations', async () => {
    const badge = byTrying('Apply for a blue badge');
    const tax = byTrying('Pay a council tax bill');
    const record = async (who: ApiClient, id: string, quality: string) => {
      const report = seeded.find((r) => r.id === id);
      const [note] = report?.annotations ?? [];
      if (!note) throw new Error('no note to record');
      const { status } = await who.call('PUT', `/reports/${id}/anchoring`, {
        annotations: { [note.id]: quality },
      });
      expect(status).toBe(204);
    };
    await record(reporter, badge.id, 'fuzzy');
    await record(admin, tax.id, 'missing');
    const d = await open(digitalLead.token);
    const cases = [
      [badge.id, /^The text here changed slightly — last checked \d/],
      [
        tax.id,
        /^Not found on the page when last checked — possibly fixed, please re-check \(last checked \d/,
      ],
    ] as const;
    for (const [id, words] of cases) {
      await d.goto(`/reports/${id}`);
      const notes = d.page.getByRole('region', { name: 'Notes on the page' });
      const seen = notes.getByRole('listitem').first().locator('.snag-seen');
      await expect.poll(() => seen.textContent()).toMatch(words);
      await d.settled();
      const result = await new AxeBuilder({ page: d.page }).analyze();
      expect(
        result.violations.map((v) => `${v.id} (${v.nodes.length})`),
      ).toEqual([]);
    }
    await d.goto(`/reports/${badge.id}`);
    const quote = d.page.locator('.snag-annotation--fuzzy .snag-quote');
    await expect
      .poll(() => quote.evaluate((q) => getComputedStyle(q).borderLeftStyle))
      .toBe('dashed');
  });

  it('is readable at 320 px wide without sideways scrolling', async () => {
    const d = await open(itLead.token, { width: 320, height: 640 });
    const report = byTrying('Apply for a blue badge');
    for (const path of [
      '/',
      '/reports',
      `/reports/${report.id}`,
      '/matrix',
      '/trends',
    ]) {
      await d.goto(path);
      await d.settled();
      expect(await d.scrollsHorizontally(), path).toBe(false);
    }
  });

  it('counts open reports in the matrix and links each cell to the filtered list', async () => {
    const rated = await reporter.putReport(
      makeReport({ trying: 'Renew a library card', service: 'Libraries' }),
    );
    const patched = await admin.call('PATCH', `/reports/${rated.id}/triage`, {
      baseVersion: rated.version,
      usabilitySeverity: 1,
      securityRisk: 3,
    });
    expect(patched.status).toBe(200);
    const matrix = await admin.call<{
      cells: {
        usabilitySeverity: number | null;
        securityRisk: number | null;
        count: number;
      }[];
    }>('GET', '/stats/matrix');
    const expected = matrix.body.cells.find(
      (c) => c.usabilitySeverity === 1 && c.securityRisk === 3,
    )?.count;

    const d = await open(itLead.token);
    await d.goto('/matrix');
    const cell = d.page.getByRole('table').getByRole('link', {
      name: /at usability severity 1 and security risk 3$/,
    });
    expect(await cell.textContent()).toMatch(new RegExp(`^${expected} `));
    await cell.click();
    await expect.poll(() => d.page.url()).toContain('severity=1');
    expect(d.page.url()).toContain('risk=3');
    expect(d.page.url()).toContain('status=new%2Ctriaged%2Cin-progress');
    await expect
      .poll(() => d.count().textContent())
      .toBe(`${expected} ${expected === 1 ? 'report' : 'reports'}`);
    await expect
      .poll(() => d.reportLinks().allTextContents())
      .toContain('Renew a library card');
  });

  it('shows trends with a data table for each chart', async () => {
    const d = await open(itLead.token);
    await d.goto('/trends');
    await d.page
      .getByRole('heading', { name: 'Reports per week by service' })
      .waitFor();
    const tables = d.page.getByRole('table');
    await expect.poll(() => tables.count()).toBe(3);
    await d.page
      .getByRole('table', { name: /Top workaround types/ })
      .getByText('Personal email')
      .waitFor();
  });

  it('lets an admin create a token, shown once, and revoke it', async () => {
    const d = await open(admin.token);
    await d.goto('/admin');
    await d.page.getByLabel('Name', { exact: true }).fill('Temp Reviewer');
    await d.page.getByLabel('Role').selectOption('reviewer');
    await d.page.getByLabel('Speaks for').selectOption('it');
    await d.page.getByRole('button', { name: 'Create user and token' }).click();
    const token = (await d.page.getByTestId('new-token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(15);
    const probe = new ApiClient(server.url, token);
    expect((await probe.call('GET', '/me')).status).toBe(200);

    d.page.once('dialog', (dialog) => void dialog.accept());
    await d.page
      .getByRole('button', { name: 'Revoke Temp Reviewer’s token' })
      .click();
    await expect
      .poll(async () => (await probe.call('GET', '/me')).status)
      .toBe(401);
    await d.page.reload();
    await d.page.getByRole('heading', { name: 'Users and tokens' }).waitFor();
    expect(await d.page.getByTestId('new-token').count()).toBe(0);
  });

  it('keeps a reporter’s token out of triage and admin, in the API and the pages', async () => {
    const report = byTrying('Renew a parking permit');
    const patch = await reporter.call('PATCH', `/reports/${report.id}/triage`, {
      baseVersion: 0,
      status: 'fixed',
    });
    expect(patch.status).toBe(403);
    expect((await reporter.call('GET', '/users')).status).toBe(403);
    expect((await reporter.call('PUT', '/services', [])).status).toBe(403);

    const d = await open(reporterToken);
    for (const path of [`/reports/${report.id}`, '/admin', '/matrix']) {
      await d.goto(path);
      await d.page
        .getByRole('heading', { name: 'You cannot use the review dashboard' })
        .waitFor();
      expect(
        await d.page.getByLabel(TRIAGE.status, { exact: true }).count(),
      ).toBe(0);
      expect(await d.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    }
  });

  it('lets a reviewer choose a weekly digest in Welsh, kept by the server, with no axe violations', async () => {
    const d = await open(itLead.token);
    await d.page.getByRole('link', { name: 'Your email' }).click();
    await d.page.getByRole('heading', { name: 'Your email' }).waitFor();
    const save = d.page.getByRole('button', { name: 'Save email settings' });
    await d.page.getByLabel('Weekly').check();
    await save.click();
    // A digest needs an address: nothing is saved, and the field has the focus.
    await d.page
      .getByRole('alert')
      .filter({ hasText: 'Give an email address to receive email.' })
      .waitFor();
    await expect
      .poll(() => d.page.evaluate(() => document.activeElement?.id))
      .toBe('my-email');
    await d.page
      .getByLabel('Email address')
      .fill('ian.it@example-council.gov.uk');
    await d.page.getByLabel('Cymraeg').check();
    await save.click();
    await d.page
      .getByRole('status')
      .filter({ hasText: 'Email settings saved.' })
      .waitFor();
    const violations = (await new AxeBuilder({ page: d.page }).analyze())
      .violations;
    expect(violations.map((v) => v.id)).toEqual([]);
    const lead = new ApiClient(server.url, itLead.token);
    expect((await lead.call('GET', '/me/notifications')).body).toEqual({
      email: 'ian.it@example-council.gov.uk',
      language: 'cy',
      digest: 'weekly',
      youSaidWeDid: false,
    });
  });

  it('lets a reporter opt in to “You said, we did” from the page the dashboard shows them', async () => {
    const d = await open(reporterToken);
    await d.page
      .getByRole('heading', { name: 'You cannot use the review dashboard' })
      .waitFor();
    // Digests are for reviewers; a reporter is not offered one.
    expect(await d.page.getByLabel('Weekly').count()).toBe(0);
    await d.page
      .getByLabel('Email address')
      .fill('rita.reporter@example-council.gov.uk');
    await d.page
      .getByLabel(
        'Email me when a report of mine is fixed (“You said, we did”)',
      )
      .check();
    await d.page.getByRole('button', { name: 'Save email settings' }).click();
    await d.page
      .getByRole('status')
      .filter({ hasText: 'Email settings saved.' })
      .waitFor();
    const violations = (await new AxeBuilder({ page: d.page }).analyze())
      .violations;
    expect(violations.map((v) => v.id)).toEqual([]);
    expect((await reporter.call('GET', '/me/notifications')).body).toEqual({
      email: 'rita.reporter@example-council.gov.uk',
      language: 'en',
      digest: 'off',
      youSaidWeDid: true,
    });
  });

  it('signs out, and the session cookie no longer works', async () => {
    const d = await open(digitalLead.token);
    const cookies = await d.page.context().cookies();
    const session = cookies.find((c) => c.name === 'snag_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    await d.page.getByRole('button', { name: 'Sign out' }).click();
    await d.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const after = await d.page
      .context()
      .request.get(`${server.url}/api/v1/session`);
    expect(after.status()).toBe(401);
    await d.goto('/reports');
    await expect.poll(() => d.page.url()).toContain('/sign-in?next=%2Freports');
  });
});
