import { useState } from 'preact/hooks';
import { v7 as uuidv7 } from 'uuid';
import type { Comment } from '../../../../protocol/report';
import { MAX_COMMENT, paths } from '../../../../protocol/api';
import { describeError, request } from '../api';
import { formatTime } from '../labels';
import LinkedText from './LinkedText';
import TeamTag from './TeamTag';

/** Props of {@link Comments}. */
export interface CommentsProps {
  /** The report the thread belongs to. */
  reportId: string;
  /** The thread, oldest first. */
  comments: Comment[];
  /** Called after a comment is saved, to reload the report. */
  onPosted: () => void;
}

/** The report's discussion between IT and digital, and the form to add to it. */
export default function Comments({
  reportId,
  comments,
  onPosted,
}: CommentsProps) {
  return (
    <section aria-labelledby="comments-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="comments-heading">
        Comments
      </h2>
      {comments.length === 0 ? (
        <p class="govuk-body">No comments yet.</p>
      ) : (
        <ol class="snag-comments">
          {comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} />
          ))}
        </ol>
      )}
      <CommentForm reportId={reportId} onPosted={onPosted} />
    </section>
  );
}

/** One comment: who, when, and what they said. */
function CommentItem({ comment }: { comment: Comment }) {
  return (
    <li class="snag-comment">
      <p class="govuk-body-s snag-meta">
        <strong>{comment.author.name}</strong>{' '}
        <TeamTag team={comment.author.team} />{' '}
        <time dateTime={comment.createdAt}>
          {formatTime(comment.createdAt)}
        </time>
      </p>
      <p class="govuk-body snag-comment__body">
        <LinkedText text={comment.body} />
      </p>
    </li>
  );
}

/** The draft comment and its submit handler. */
function useCommentDraft(reportId: string, onPosted: () => void) {
  const [body, setBody] = useState('');
  // One id per draft: a retry after a network failure is the same comment, not a second one.
  const [draftId, setDraftId] = useState(() => uuidv7());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!body.trim()) {
      setError('Write a comment first');
      return;
    }
    setBusy(true);
    try {
      await request(paths.comments(reportId), {
        method: 'POST',
        body: { id: draftId, body },
      });
      setBody('');
      setDraftId(uuidv7());
      setError(null);
      onPosted();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return { body, setBody, error, busy, submit };
}

/** The form that adds a comment. */
function CommentForm({
  reportId,
  onPosted,
}: {
  reportId: string;
  onPosted: () => void;
}) {
  const { body, setBody, error, busy, submit } = useCommentDraft(
    reportId,
    onPosted,
  );
  return (
    <form onSubmit={submit} noValidate>
      <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label govuk-label--s" for="comment-body">
          Add comment
        </label>
        <div class="govuk-hint" id="comment-body-hint">
          Plain text. Web addresses become links.
        </div>
        {error && (
          <p class="govuk-error-message" id="comment-body-error">
            <span class="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <textarea
          class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
          id="comment-body"
          name="body"
          rows={4}
          maxLength={MAX_COMMENT}
          aria-describedby={`comment-body-hint${error ? ' comment-body-error' : ''}`}
          value={body}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
      </div>
      <button
        type="submit"
        class="govuk-button govuk-button--secondary"
        disabled={busy}
      >
        Add comment
      </button>
    </form>
  );
}
