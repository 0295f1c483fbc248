/**
 * The redacted screenshot of a report: raw image bytes in, raw bytes out. It lives in its own
 * plugin scope so the image body parser, with its 5 MiB limit, applies to this route only.
 */
import type { FastifyPluginAsync } from 'fastify';
import { MAX_SCREENSHOT_BYTES } from '../../protocol/api';
import { SCREENSHOT_TYPES } from '../../protocol/report';
import { userOf } from '../auth';
import { HttpError } from '../errors';
import { sniffImage } from '../image-sniff';
import type { RouteDeps } from './deps';
import { reportIdParam } from './reports';

/** `PUT|GET /reports/:id/screenshot`. */
export const screenshotRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store, now },
) => {
  api.addContentTypeParser(
    [...SCREENSHOT_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_SCREENSHOT_BYTES },
    (_req, body, done) => done(null, body),
  );

  api.put(
    '/reports/:id/screenshot',
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
      const declared = (request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim()
        .toLowerCase();
      if (
        !Buffer.isBuffer(request.body) ||
        !(SCREENSHOT_TYPES as readonly string[]).includes(declared ?? '')
      ) {
        throw new HttpError(
          415,
          'Send the screenshot as image/png, image/jpeg or image/webp',
        );
      }
      const actual = sniffImage(request.body);
      if (!actual)
        throw new HttpError(415, 'The body is not a PNG, JPEG or WebP image');
      if (actual !== declared)
        throw new HttpError(415, `The body is ${actual}, not ${declared}`);
      const user = userOf(request);
      const author = await store.reportAuthor(id);
      if (!author) throw new HttpError(404, 'No report has this id');
      if (author !== user.id && user.role !== 'admin')
        throw new HttpError(403, 'Only the author may add the screenshot');
      await store.putScreenshot(
        id,
        { mediaType: actual, bytes: request.body },
        now().toISOString(),
      );
      return reply.code(204).send();
    },
  );

  api.get(
    '/reports/:id/screenshot',
    {
      config: {
        auth: 'reporter',
        doc: { summary: 'The redacted screenshot', mediaType: 'image/png' },
      },
    },
    async (request, reply) => {
      const shot = await store.getScreenshot(reportIdParam(request.params));
      if (!shot) throw new HttpError(404, 'This report has no screenshot');
      return reply
        .header('content-type', shot.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=300')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(shot.bytes);
    },
  );
};
