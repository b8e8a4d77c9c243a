// The participant form: what Rust refuses is shown beside its field and in
// the summary, and nothing typed is lost.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const createParticipant = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: { createParticipant: (...a: unknown[]) => createParticipant(...a), getParticipant: vi.fn() },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { choices, emptyChoices } = await import('../src/lib/choices.svelte');
const { default: ParticipantForm } = await import('../src/pages/ParticipantForm.svelte');

beforeEach(() => {
  createParticipant.mockReset();
  choices.set({
    ...emptyChoices(),
    participant_statuses: [{ code: 'referred', label: 'Referred' }],
    referral_sources: [{ code: 'hospital', label: 'Hospital' }],
  });
});

describe('ParticipantForm', () => {
  it('shows each refused field beside it and in the summary, keeping what was typed', async () => {
    createParticipant.mockRejectedValueOnce({
      code: 'validation',
      message: 'There is a problem with one answer. Correct it and try again.',
      fields: [{ field: 'birth_date', message: 'The date of birth must be a real date.' }],
    });
    const user = userEvent.setup();
    render(ParticipantForm, { id: null });

    await user.type(screen.getByLabelText('Legal name'), 'Thi Nguyễn');
    await user.type(screen.getByLabelText('Date of birth'), '02/30/1990');
    await user.selectOptions(screen.getByLabelText('Referred from'), 'hospital');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const birth = screen.getByLabelText('Date of birth');
    expect(await screen.findByRole('alert')).toHaveTextContent('There is a problem');
    expect(screen.getByRole('link', { name: 'The date of birth must be a real date.' })).toHaveAttribute('href', '#birth_date');
    expect(birth).toHaveAttribute('aria-invalid', 'true');
    expect(birth).toHaveAccessibleDescription(/must be a real date/);
    expect(birth).toHaveValue('02/30/1990');
    expect(screen.getByLabelText('Legal name')).toHaveValue('Thi Nguyễn');
    expect(createParticipant).toHaveBeenCalledWith(
      expect.objectContaining({ legal_name: 'Thi Nguyễn', birth_date: '02/30/1990', referral_source: 'hospital' }),
    );
  });

  it('moves focus to the field when its message in the summary is followed', async () => {
    createParticipant.mockRejectedValueOnce({
      code: 'validation',
      message: 'x',
      fields: [{ field: 'legal_name', message: 'Enter the legal name.' }],
    });
    const user = userEvent.setup();
    render(ParticipantForm, { id: null });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(await screen.findByRole('link', { name: 'Enter the legal name.' }));
    expect(screen.getByLabelText('Legal name')).toHaveFocus();
  });
});
