import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import ReportForm from '@/components/ReportForm';
import {
  draftToReport,
  emptyDraft,
  type ReportDraft,
} from '@/utils/report-draft';
import type { ReportInput } from '@/protocol/report';
import { sampleReport } from './fixtures';
import { validateReport } from '@/utils/report-validation';

const base = sampleReport();
const build = (d: ReportDraft) => draftToReport(d, base.page, base.environment);

function setup(
  onSave = vi.fn(async (_r: ReportInput) => null as string | null),
) {
  const onDraftChange = vi.fn();
  render(
    <ReportForm
      initial={emptyDraft()}
      build={build}
      validate={validateReport}
      onSave={onSave}
      onDraftChange={onDraftChange}
    />,
  );
  return { onSave, onDraftChange };
}

const type = (name: string, value: string) =>
  fireEvent.input(screen.getByRole('textbox', { name }), { target: { value } });

describe('ReportForm', () => {
  it('has the labelled controls of the report', () => {
    setup();
    expect(screen.getByRole('checkbox', { name: 'Hard to use' })).toBeTruthy();
    expect(
      screen.getByRole('checkbox', {
        name: 'Pushes people into an insecure workaround',
      }),
    ).toBeTruthy();
    expect(
      screen.getByRole('textbox', { name: 'What were you trying to do?' }),
    ).toBeTruthy();
    expect(
      screen.getByRole('textbox', { name: 'What got in the way?' }),
    ).toBeTruthy();
    expect(
      screen.getByRole('group', { name: 'Who is affected?' }),
    ).toBeTruthy();
    expect(
      screen.getByRole('group', { name: 'How often does it happen?' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save report' })).toBeTruthy();
  });

  it('shows the categories of a problem kind once it is ticked', () => {
    setup();
    expect(
      screen.queryByRole('checkbox', { name: 'Too many steps' }),
    ).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hard to use' }));
    expect(
      screen.getByRole('checkbox', { name: 'Too many steps' }),
    ).toBeTruthy();
    fireEvent.click(
      screen.getByRole('checkbox', {
        name: 'Pushes people into an insecure workaround',
      }),
    );
    expect(
      screen.getByRole('checkbox', {
        name: 'Copying records into a spreadsheet',
      }),
    ).toBeTruthy();
    expect(
      screen.getByRole('combobox', { name: 'What data is involved?' }),
    ).toBeTruthy();
  });

  it('explains what is missing next to each field and does not save', async () => {
    const { onSave } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    await screen.findByText('Choose at least one kind of problem');
    expect(screen.getAllByText('Please answer this question')).toHaveLength(2);
    expect(onSave).not.toHaveBeenCalled();
    const trying = screen.getByRole('textbox', {
      name: 'What were you trying to do?',
    });
    expect(trying.getAttribute('aria-invalid')).toBe('true');
  });

  it('saves a complete report built from the answers', async () => {
    const { onSave, onDraftChange } = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hard to use' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Too many steps' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Residents' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Every day' }));
    type('What were you trying to do?', 'Book a bulky waste collection');
    type(
      'What got in the way?',
      'The date picker skips weekends without saying so',
    );
    expect(onDraftChange).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const report = onSave.mock.calls[0]![0];
    expect(report.problems).toEqual([
      { kind: 'hard-to-use', usabilityCategories: ['too-many-steps'] },
    ]);
    expect(report.whoIsAffected).toBe('residents');
    expect(report.frequency).toBe('daily');
    expect(report.trying).toBe('Book a bulky waste collection');
  });

  it('warns about personal data and saves only after confirmation', async () => {
    const { onSave } = setup();
    fireEvent.click(
      screen.getByRole('checkbox', {
        name: 'Pushes people into an insecure workaround',
      }),
    );
    type('What were you trying to do?', 'Update a record');
    type(
      'What got in the way?',
      'Had to email NHS number 943 476 5919 to a colleague',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('NHS number');
    expect(alert.textContent).toContain('943 476 5919');
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
  });

  it('lets the reporter go back and edit instead', async () => {
    const { onSave } = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hard to use' }));
    type('What were you trying to do?', 'Reach jo@example.com');
    type('What got in the way?', 'No contact form');
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    await screen.findByRole('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Edit the text' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(
      screen.getByRole('textbox', { name: 'What were you trying to do?' }),
    );
    expect(onSave).not.toHaveBeenCalled();
  });

  it('shows a failure to save, keeping the answers', async () => {
    setup(vi.fn(async () => 'The report could not be saved: disk full'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hard to use' }));
    type('What were you trying to do?', 'Pay rent');
    type('What got in the way?', 'Error page');
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'disk full',
    );
    expect(
      (
        screen.getByRole('textbox', {
          name: 'What got in the way?',
        }) as HTMLTextAreaElement
      ).value,
    ).toBe('Error page');
  });
});
