// Page object for the case record fixture (tests/fixtures/pages/masking/): where its private
// parts are, measured in the page itself and independently of Snag's own measuring.
import type { Frame, Page } from 'playwright-core';

/** A rectangle in the top view, in CSS pixels. */
export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The yellow of the page's own panel where Snag's panel stands (`.case-aside`). */
export const ASIDE_RGB = [255, 191, 71] as const;

/** What the tests type into the fields. */
export const CARD_NUMBER = '4111 1111 1111 1111';
export const PASSWORD = 'correct horse battery';

/** The case record page, with a card number typed in its cross-origin payment frame. */
export class CaseRecordPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the page from `siteUrl` and types a password and a card number. `name` goes in the
   * query string, so that each test's tab has an address of its own to be found by.
   */
  static async open(
    page: Page,
    siteUrl: string,
    name: string,
  ): Promise<CaseRecordPage> {
    await page.goto(
      `${siteUrl}/masking/case-record.html?test=${encodeURIComponent(name)}`,
    );
    const record = new CaseRecordPage(page);
    await page
      .frameLocator('#payment')
      .getByLabel('Card number')
      .pressSequentially(CARD_NUMBER);
    await page
      .getByLabel('Password for the records system')
      .pressSequentially(PASSWORD);
    // Nothing blinks in the capture: the caret would be drawn, or not, at random.
    await page.locator('h1').click();
    return record;
  }

  /** The payment frame, served from the second origin. */
  paymentFrame(): Frame {
    const frame = this.page
      .frames()
      .find((f) => f.url().includes('/masking/card-payment.html'));
    if (!frame) throw new Error('The payment frame has not loaded');
    if (new URL(frame.url()).origin === new URL(this.page.url()).origin)
      throw new Error('The payment frame must come from another origin');
    return frame;
  }

  devicePixelRatio(): Promise<number> {
    return this.page.evaluate(() => window.devicePixelRatio);
  }

  /**
   * Where the private parts are, in the top view. The card field is measured inside its own
   * frame and offset by its iframe's content box (border and padding included), which is
   * where the browser draws the frame's document.
   */
  async boxes(): Promise<Record<string, ViewBox>> {
    const top = await this.page.evaluate(() => {
      const view = (r: DOMRect) => ({
        x: r.left,
        y: r.top,
        width: r.width,
        height: r.height,
      });
      const textBox = (id: string) => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById(id)!.firstChild!);
        return view(range.getBoundingClientRect());
      };
      const frame = document.getElementById('payment')!;
      const style = getComputedStyle(frame);
      const rect = frame.getBoundingClientRect();
      return {
        password: view(
          document.getElementById('records-password')!.getBoundingClientRect(),
        ),
        nhsNumber: textBox('nhs-number'),
        oldReference: textBox('old-reference'),
        unreachable: view(
          document.getElementById('unreachable')!.getBoundingClientRect(),
        ),
        paymentOrigin: {
          x:
            rect.left +
            parseFloat(style.borderLeftWidth) +
            parseFloat(style.paddingLeft),
          y:
            rect.top +
            parseFloat(style.borderTopWidth) +
            parseFloat(style.paddingTop),
        },
      };
    });
    const inFrame = await this.paymentFrame().evaluate(() => {
      const view = (r: DOMRect) => ({
        x: r.left,
        y: r.top,
        width: r.width,
        height: r.height,
      });
      return {
        card: view(
          document.getElementById('card-number')!.getBoundingClientRect(),
        ),
        heading: view(document.querySelector('h2')!.getBoundingClientRect()),
      };
    });
    const offset = (box: ViewBox): ViewBox => ({
      ...box,
      x: box.x + top.paymentOrigin.x,
      y: box.y + top.paymentOrigin.y,
    });
    return {
      password: top.password,
      nhsNumber: top.nhsNumber,
      oldReference: top.oldReference,
      unreachable: top.unreachable,
      card: offset(inFrame.card),
      paymentHeading: offset(inFrame.heading),
    };
  }
}
