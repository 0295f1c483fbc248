// The options page's email settings: "You said, we did" for reporters, read from and saved to
// the connected server through the background.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import EmailSettings from '@/components/EmailSettings';
import type { NotificationSettings } from '@/protocol/webhooks';
import { connectedAsStorage } from '@/utils/settings';

const stored: NotificationSettings = {
  email: null,
  language: 'en',
  digest: 'weekly',
  youSaidWeDid: false,
};

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

describe('email settings', () => {
  beforeEach(async () => {
    await connectedAsStorage.setValue({
      id: 'u1',
      name: 'Sam Reporter',
      role: 'reporter',
    });
  });

  it('saves an opt-in with its address and language, keeping the digest chosen in the dashboard', async () => {
    const save = vi.fn((s: NotificationSettings) => ok(s));
    render(<EmailSettings load={() => ok(stored)} save={save} />);
    fireEvent.input(await screen.findByLabelText('Email address'), {
      target: { value: '  sam.reporter@example-council.gov.uk ' },
    });
    fireEvent.click(screen.getByLabelText('Cymraeg'));
    fireEvent.click(
      screen.getByLabelText(
        'Email me when a report of mine is fixed (“You said, we did”)',
      ),
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Save email settings' }),
    );
    await screen.findByText('Email settings saved');
    expect(save).toHaveBeenCalledWith({
      email: 'sam.reporter@example-council.gov.uk',
      language: 'cy',
      digest: 'weekly',
      youSaidWeDid: true,
    });
  });

  it('asks for an address before opting in, and sends nothing without one', async () => {
    const save = vi.fn((s: NotificationSettings) => ok(s));
    render(
      <EmailSettings
        load={() => ok({ ...stored, digest: 'off' })}
        save={save}
      />,
    );
    fireEvent.click(
      await screen.findByLabelText(
        'Email me when a report of mine is fixed (“You said, we did”)',
      ),
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Save email settings' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Give an email address to receive email.',
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Email address'));
    expect(save).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal and keeps what was typed', async () => {
    render(
      <EmailSettings
        load={() => ok(stored)}
        save={() =>
          Promise.resolve({
            ok: false as const,
            error: 'email: Invalid email address',
          })
        }
      />,
    );
    const field = await screen.findByLabelText('Email address');
    fireEvent.input(field, { target: { value: 'not an address' } });
    fireEvent.click(
      screen.getByRole('button', { name: 'Save email settings' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not save your email settings: email: Invalid email address',
    );
    expect((field as HTMLInputElement).value).toBe('not an address');
  });

  it('says to connect first when no server is connected, with no form', async () => {
    await connectedAsStorage.setValue(null);
    const load = vi.fn(() => ok(stored));
    render(<EmailSettings load={load} />);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Connect to the Snag server to choose the email it sends you.',
      ),
    );
    expect(screen.queryByLabelText('Email address')).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });
});
