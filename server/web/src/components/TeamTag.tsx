import type { Team } from '../../../../protocol/report';
import { teamLabel } from '../labels';

/** Props of {@link TeamTag}. */
export interface TeamTagProps {
  /** The team the person speaks for, if any. */
  team: Team | null | undefined;
}

/** A small tag saying whether a reviewer speaks for IT or digital. */
export default function TeamTag({ team }: TeamTagProps) {
  const label = teamLabel(team);
  if (!label) return null;
  return (
    <>
      <span class="govuk-visually-hidden">speaking for </span>
      <strong class={`govuk-tag snag-team snag-team--${team}`}>{label}</strong>
    </>
  );
}
