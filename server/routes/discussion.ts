/**
 * What happens to a report after it is filed: comments, "me too" votes and triage.
 */
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyRequest,
} from 'fastify';
import {
  commentInput,
  reportDetail,
  routes,
  triagePatch,
  voteAnswer,
  type TriageConflict,
  type VoteAnswer,
} from '../../protocol/api';
import { comment } from '../../protocol/report';
import { userOf } from '../auth';
import { mayComment } from '../domain/need-to-know';
import { errorBody, HttpError } from '../errors';
import { parseOr400, reportIdParam } from '../validation';
import type { RouteDeps } from './deps';

/** `POST /reports/:id/comments`, idempotent by comment id. */
function addComment(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.post(
    routes.comments,
    {
      config: {
        auth: 'reporter',
        doc: {
          summary: 'Add a comment (idempotent by comment id)',
          body: commentInput,
          response: comment,
        },
      },
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const input = parseOr400(commentInput, request.body);
      const user = userOf(request);
      const author = await store.reportAuthor(id);
      if (!author) throw new HttpError(404, 'No report has this id');
      // A colleague's discussion is not the reporter's to read, so not theirs to join.
      if (!mayComment(user, author))
        throw new HttpError(
          403,
          'You can comment on your own reports only; use Me too to support a colleague’s',
        );
      const outcome = await store.addComment(
        id,
        input,
        user,
        now().toISOString(),
      );
      if (outcome.kind === 'not-found')
        throw new HttpError(404, 'No report has this id');
      if (outcome.kind === 'conflict')
        throw new HttpError(409, 'A different comment already has this id');
      return reply
        .code(outcome.kind === 'created' ? 201 : 200)
        .send(outcome.comment);
    },
  );
}

/** `PUT|DELETE /reports/:id/votes/me`: say "me too", or take it back. */
function votes(api: FastifyInstance, { store, now }: RouteDeps): void {
  const vote =
    (on: boolean) =>
    async (request: FastifyRequest): Promise<VoteAnswer> => {
      const id = reportIdParam(request.params);
      const result = await store.setVote(
        id,
        userOf(request).id,
        on,
        now().toISOString(),
      );
      if (!result) throw new HttpError(404, 'No report has this id');
      return result;
    };
  api.put(
    routes.myVote,
    {
      config: {
        auth: 'reporter',
        doc: { summary: 'Say "me too"', response: voteAnswer },
      },
    },
    vote(true),
  );
  api.delete(
    routes.myVote,
    {
      config: {
        auth: 'reporter',
        doc: { summary: 'Take back a "me too"', response: voteAnswer },
      },
    },
    vote(false),
  );
}

/** `PATCH /reports/:id/triage`, guarded by `baseVersion`. */
function triage(api: FastifyInstance, { store, now }: RouteDeps): void {
  api.patch(
    routes.triage,
    {
      config: {
        auth: 'reviewer',
        doc: {
          summary:
            'Change triage fields, guarded by baseVersion (409 if stale)',
          body: triagePatch,
          response: reportDetail,
        },
      },
    },
    async (request, reply) => {
      const id = reportIdParam(request.params);
      const patch = parseOr400(triagePatch, request.body);
      const outcome = await store.triage(
        id,
        patch,
        userOf(request),
        now().toISOString(),
      );
      switch (outcome.kind) {
        case 'ok':
          await request.audit('triage', id, {
            fields: Object.keys(patch).filter((k) => k !== 'baseVersion'),
          });
          return outcome.report;
        case 'not-found':
          throw new HttpError(404, 'No report has this id');
        case 'bad-duplicate':
          throw new HttpError(400, `body.duplicateOf: ${outcome.message}`);
        case 'conflict': {
          const conflict: TriageConflict = {
            ...errorBody(
              'conflict',
              'Someone else changed this report since you opened it',
            ),
            current: outcome.current,
            changedBy: outcome.changedBy,
          };
          return reply.code(409).send(conflict);
        }
      }
    },
  );
}

/** `/reports/:id/comments`, `/reports/:id/votes/me`, `/reports/:id/triage`. */
export const discussionRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  deps,
) => {
  addComment(api, deps);
  votes(api, deps);
  triage(api, deps);
};
