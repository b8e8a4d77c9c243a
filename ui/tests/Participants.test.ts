// The participants list asks Rust for each page with the search, filter and
// sort the person chose, and says how the table is sorted.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const listParticipants = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: { listParticipants: (...a: unknown[]) => listParticipants(...a) },
}));

const { choices, emptyChoices } = await import('../src/lib/choices.svelte');
const { default: Participants } = await import('../src/pages/Participants.svelte');

const row = {
  id: 1,
  legal_name: 'Thi Nguyễn',
  preferred_name: 'Tee',
  birth_date: '1984-03-15',
  status: 'referred',
  referral_source: 'county_jail',
  referral_date: '2026-11-20',
  expected_release_date: '2026-12-01',
};

beforeEach(() => {
  listParticipants.mockReset();
  listParticipants.mockResolvedValue({ rows: [row], total: 1, page: 1, page_size: 50 });
  choices.set({
    ...emptyChoices(),
    participant_statuses: [{ code: 'referred', label: 'Referred' }],
    referral_sources: [{ code: 'county_jail', label: 'County jail' }],
  });
});

describe('Participants', () => {
  it('shows the rows with labels and US dates', async () => {
    render(Participants);
    const link = await screen.findByRole('link', { name: 'Thi Nguyễn' });
    expect(link).toHaveAttribute('href', '#/participants/1');
    const cells = within(link.closest('tr')!).getAllByRole('cell').map((c) => c.textContent?.trim());
    expect(cells).toEqual(['Thi Nguyễn (Tee)', '03/15/1984', 'Referred', '11/20/2026', '12/01/2026', 'County jail']);
    expect(screen.getByText(/Showing 1–1 of 1 participant$/)).toBeInTheDocument();
  });

  it('sorts by a column when its header is pressed, and again the other way', async () => {
    const user = userEvent.setup();
    render(Participants);
    await screen.findByRole('link', { name: 'Thi Nguyễn' });
    const header = screen.getByRole('columnheader', { name: /Date of birth/ });
    expect(header).toHaveAttribute('aria-sort', 'none');

    await user.click(within(header).getByRole('button'));
    await vi.waitFor(() =>
      expect(listParticipants).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'birth_date', descending: false })),
    );
    expect(header).toHaveAttribute('aria-sort', 'ascending');

    await user.click(within(header).getByRole('button'));
    await vi.waitFor(() =>
      expect(listParticipants).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'birth_date', descending: true })),
    );
    expect(header).toHaveAttribute('aria-sort', 'descending');
  });

  it('searches as the name is typed, from the first page', async () => {
    const user = userEvent.setup();
    render(Participants);
    await screen.findByRole('link', { name: 'Thi Nguyễn' });
    await user.type(screen.getByLabelText('Search by name'), 'nguy');
    await vi.waitFor(() =>
      expect(listParticipants).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'nguy', page: 1 })),
    );
  });
});
