// The consents to disclose on a participant's page: each consent with its
// standing, recording one (what Rust refuses is shown beside its field, and
// nothing typed is lost), and revoking one.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const participantConsents = vi.fn();
const recordConsent = vi.fn();
const revokeConsent = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: {
    participantConsents: (...a: unknown[]) => participantConsents(...a),
    recordConsent: (...a: unknown[]) => recordConsent(...a),
    revokeConsent: (...a: unknown[]) => revokeConsent(...a),
  },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { default: Consents } = await import('../src/lib/components/Consents.svelte');

const base = {
  participant_id: 7,
  information: 'Enrollment and housing status',
  purpose: 'Program reporting',
  expiry_event: null,
  revoked_on: null,
  revoke_note: null,
  recorded_by: 'Maria Okafor',
  revoked_by: null,
  expires_soon: false,
};
const dmh = { ...base, id: 1, recipient: 'Illinois DMH', signed_on: '2026-11-20', expires_on: '2027-11-20', status: 'current' };
const iop = {
  ...base,
  id: 2,
  recipient: 'Cook County Health IOP',
  signed_on: '2026-06-02',
  expires_on: '2026-12-10',
  status: 'current',
  expires_soon: true,
};
const old = {
  ...base,
  id: 3,
  recipient: "Sarah's Circle",
  signed_on: '2025-01-05',
  expires_on: '2026-01-05',
  status: 'revoked',
  revoked_on: '2025-06-01',
  revoke_note: 'By letter',
};

beforeEach(() => {
  participantConsents.mockReset();
  recordConsent.mockReset();
  revokeConsent.mockReset();
});

describe('Consents', () => {
  it('lists each consent with its standing, and says when none is recorded', async () => {
    participantConsents.mockResolvedValueOnce({ consents: [dmh, iop, old], can_record: true });
    render(Consents, { participantId: 7 });
    const rows = await screen.findAllByRole('row');
    expect(rows).toHaveLength(4);
    const row = (i: number) => rows[i] as HTMLElement;
    expect(within(row(1)).getByText('Current')).toBeInTheDocument();
    expect(within(row(1)).getByText('11/20/2027')).toBeInTheDocument();
    expect(within(row(2)).getByText('Expires within 30 days')).toBeInTheDocument();
    expect(within(row(3)).getByText('Revoked')).toBeInTheDocument();
    expect(within(row(3)).getByText('On 06/01/2025: By letter')).toBeInTheDocument();
    expect(within(row(3)).queryByRole('button')).toBeNull();
    expect(participantConsents).toHaveBeenCalledWith(7);

    participantConsents.mockResolvedValueOnce({ consents: [], can_record: false });
    render(Consents, { participantId: 8 });
    expect(await screen.findByText('No consent to disclose is recorded for this participant.')).toBeInTheDocument();
  });

  it('shows each refused field beside it, keeping what was typed', async () => {
    participantConsents.mockResolvedValue({ consents: [], can_record: true });
    recordConsent.mockRejectedValueOnce({
      code: 'validation',
      message: 'There is a problem',
      fields: [
        { field: 'purpose', message: 'Enter the purpose of the disclosure.' },
        { field: 'expires_on', message: 'The consent must expire after the day it was signed.' },
      ],
    });
    const user = userEvent.setup();
    render(Consents, { participantId: 7 });
    await user.click(await screen.findByRole('button', { name: 'Record a consent' }));
    await user.type(screen.getByLabelText('Disclosed to'), 'Illinois DMH');
    await user.type(screen.getByLabelText('What information'), 'Housing status');
    await user.type(screen.getByLabelText('Signed on'), '11/20/2026');
    await user.type(screen.getByLabelText('Expires on'), '11/19/2026');
    await user.click(screen.getByRole('button', { name: 'Record the consent' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('There is a problem');
    const expires = screen.getByLabelText('Expires on');
    expect(expires).toHaveAttribute('aria-invalid', 'true');
    expect(expires).toHaveAccessibleDescription(/must expire after the day it was signed/);
    expect(expires).toHaveValue('11/19/2026');
    expect(screen.getByLabelText('Disclosed to')).toHaveValue('Illinois DMH');
    expect(screen.getByRole('link', { name: 'Enter the purpose of the disclosure.' })).toHaveAttribute('href', '#consent_purpose');
    expect(recordConsent).toHaveBeenCalledWith(7, {
      recipient: 'Illinois DMH',
      information: 'Housing status',
      purpose: '',
      signed_on: '11/20/2026',
      expires_on: '11/19/2026',
      expiry_event: '',
    });

    recordConsent.mockResolvedValueOnce({ ...dmh });
    participantConsents.mockResolvedValue({ consents: [dmh], can_record: true });
    await user.clear(expires);
    await user.type(expires, '11/20/2027');
    await user.type(screen.getByLabelText('Purpose'), 'Program reporting');
    await user.click(screen.getByRole('button', { name: 'Record the consent' }));
    expect(await screen.findByText('The consent to disclose to Illinois DMH is recorded.')).toBeInTheDocument();
    expect(await screen.findByText('Illinois DMH')).toBeInTheDocument();
  });

  it('revokes a consent on the day typed, and offers neither form to someone who only reads', async () => {
    participantConsents.mockResolvedValueOnce({ consents: [dmh], can_record: true });
    revokeConsent.mockResolvedValueOnce({ ...dmh, status: 'revoked', revoked_on: '2026-11-22' });
    participantConsents.mockResolvedValueOnce({ consents: [{ ...dmh, status: 'revoked', revoked_on: '2026-11-22' }], can_record: true });
    const user = userEvent.setup();
    render(Consents, { participantId: 7 });
    await user.click(await screen.findByRole('button', { name: 'Revoke the consent to Illinois DMH' }));
    const day = screen.getByLabelText('Revoked on');
    await user.clear(day);
    await user.type(day, '11/22/2026');
    await user.type(screen.getByLabelText('Note (optional)'), 'By phone');
    await user.click(screen.getByRole('button', { name: 'Record the revocation' }));
    expect(revokeConsent).toHaveBeenCalledWith(1, { revoked_on: '11/22/2026', note: 'By phone' });
    expect(await screen.findByText('The consent to disclose to Illinois DMH is recorded as revoked on 11/22/2026.')).toBeInTheDocument();

    participantConsents.mockResolvedValueOnce({ consents: [dmh], can_record: false });
    const { container } = render(Consents, { participantId: 9 });
    await within(container).findAllByText('Illinois DMH');
    expect(within(container).queryByRole('button')).toBeNull();
  });
});
