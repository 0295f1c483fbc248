/**
 * The redacted screenshot of a report: raw image bytes in, raw bytes out. It lives in its own
 * plugin scope so the image body parser, with its 5 MiB limit, applies to this route only.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { MAX_SCREENSHOT_BYTES, routes } from '../../protocol/api';
import { SCREENSHOT_TYPES } from '../../protocol/report';
import { userOf } from '../auth';
import { mayAddScreenshot } from '../domain/access';
import { maySeeScreenshot } from '../domain/need-to-know';
import { HttpError } from '../errors';
import { sniffImage } from '../image-sniff';
import type { Screenshot } from '../store/store';
import { reportIdParam } from '../validation';
import type { RouteDeps } from './deps';

/**
 * The uploaded screenshot, checked: a PNG, JPEG or WebP whose bytes are what the
 * `Content-Type` says, or a 415.
 */
function uploadedImage(
  contentType: string | undefined,
  body: unknown,
): Screenshot {
  const declared = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (
    !Buffer.isBuffer(body) ||
    !(SCREENSHOT_TYPES as readonly string[]).includes(declared ?? '')
  ) {
    throw new HttpError(
      415,
      'Send the screenshot as image/png, image/jpeg or image/webp',
    );
  }
  const actual = sniffImage(body);
  if (!actual)
    throw new HttpError(415, 'The body is not a PNG, JPEG or WebP image');
  if (actual !== declared)
    throw new HttpError(415, `The body is ${actual}, not ${declared}`);
  return { mediaType: actual, bytes: body };
}

/** `PUT /reports/:id/screenshot`: the author (or an admin) uploads it. */
function putScreenshot(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.put(
    routes.screenshot,
    {
      bodyLimit: MAX_SCREENSHOT_BYTES,
      config: {
        auth: 'reporter',
        doc: {
          summary:
            'Upload the redacted screenshot (PNG, JPEG or WebP, ≤ 5 MiB)',
          mediaType: 'image/png',
        },
      },
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const shot = uploadedImage(request.headers['content-type'], request.body);
      const author = await store.reportAuthor(id);
      if (!author) throw new HttpError(404, 'No report has this id');
      if (!mayAddScreenshot(userOf(request), author))
        throw new HttpError(403, 'Only the author may add the screenshot');
      await store.putScreenshot(id, shot, now().toISOString());
      return reply.code(204).send();
    },
  );
}

/** `GET /reports/:id/screenshot`: the bytes, never run as anything but an image. */
function getScreenshot(api: FastifyInstance, { store }: RouteDeps): void {
  api.get(
    routes.screenshot,
    {
      config: {
        auth: 'reporter',
        doc: { summary: 'The redacted screenshot', mediaType: 'image/png' },
      },
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const author = await store.reportAuthor(id);
      // A colleague's screenshot answers as if there were none: need to know.
      const shot =
        author && maySeeScreenshot(userOf(request), author)
          ? await store.getScreenshot(id)
          : null;
      if (!shot) throw new HttpError(404, 'This report has no screenshot');
      return reply
        .header('content-type', shot.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=300')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(shot.bytes);
    },
  );
}

/** `PUT|GET /reports/:id/screenshot`. */
export const screenshotRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  deps,
) => {
  api.addContentTypeParser(
    [...SCREENSHOT_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_SCREENSHOT_BYTES },
    (_req, body, done) => done(null, body),
  );
  putScreenshot(api, deps);
  getScreenshot(api, deps);
};
