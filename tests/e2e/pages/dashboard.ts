/**
 * Page object for the review dashboard: finds controls the way a reviewer does, by role and
 * accessible name, so the tests read as the steps a person takes.
 */
import type { Locator, Page } from 'playwright-core';

/** The triage controls' accessible names (docs/architecture.md, "The extension"). */
export const TRIAGE = {
  status: 'Status',
  severity: 'Usability severity',
  risk: 'Security risk',
  assignee: 'Assignee',
  comment: 'Add comment',
} as const;

/** The dashboard in one browser page, signed in as one person. */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Opens a dashboard path and waits for the app to render something. */
  async goto(path: string): Promise<void> {
    await this.page.goto(new URL(path, this.baseUrl).href);
    await this.page
      .locator('#main-content h1, #main-content p')
      .first()
      .waitFor();
  }

  /** Waits until the view has its heading and nothing is still loading. */
  async settled(): Promise<void> {
    await this.page.locator('#main-content h1').first().waitFor();
    await this.page.waitForFunction(() => {
      const main = document.getElementById('main-content');
      return !!main && !/Loading/.test(main.textContent ?? '');
    });
  }

  /** Signs in with an access token through the sign-in form. */
  async signIn(token: string): Promise<void> {
    await this.goto('/sign-in');
    await this.page.getByLabel('Access token').fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  /** The main heading of the current view. */
  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The "N reports" count above a list. */
  count(): Locator {
    return this.page.getByTestId('report-count');
  }

  /** Links to reports in the current list, by their "what were you trying to do" text. */
  reportLinks(): Locator {
    return this.page.locator('.snag-report-list').getByRole('link');
  }

  /** The filter form's control with this label. */
  filter(label: string): Locator {
    return this.page
      .getByRole('search', { name: 'Filter reports' })
      .getByLabel(label, {
        exact: true,
      });
  }

  /** Applies the filter form. */
  async applyFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
  }

  /** A triage control by its accessible name. */
  triage(name: string): Locator {
    return this.page
      .getByRole('region', { name: 'Triage' })
      .getByLabel(name, { exact: true });
  }

  /** Saves the triage form. */
  async saveTriage(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save triage' }).click();
  }

  /** Writes and posts a comment. */
  async comment(text: string): Promise<void> {
    await this.page.getByLabel(TRIAGE.comment, { exact: true }).fill(text);
    await this.page.getByRole('button', { name: 'Add comment' }).click();
  }

  /** The comment thread. */
  comments(): Locator {
    return this.page.locator('.snag-comments > li');
  }

  /** Whether the document scrolls sideways (it must not, even at 320 px). */
  async scrollsHorizontally(): Promise<boolean> {
    return this.page.evaluate(
      () =>
        document.documentElement.scrollWidth >
        document.documentElement.clientWidth,
    );
  }
}
