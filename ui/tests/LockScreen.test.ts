// The locked window: the password unlocks it, a wrong one is said beside the
// field, and the page underneath is not unmounted (what was typed stays).
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const unlockWindow = vi.fn();
const appStatus = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: {
    unlockWindow: (...a: unknown[]) => unlockWindow(...a),
    appStatus: () => appStatus(),
  },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { default: LockScreen } = await import('../src/lib/components/LockScreen.svelte');

const locked = { stage: 'locked', session: { full_name: 'Dana Reyes' }, lock_after_minutes: 15 } as never;

beforeEach(() => {
  unlockWindow.mockReset();
  appStatus.mockReset();
});

describe('the lock screen', () => {
  it('unlocks with the password and says a wrong one beside the field', async () => {
    unlockWindow.mockRejectedValueOnce({
      code: 'validation', message: 'There is a problem with one answer.',
      fields: [{ field: 'password', message: 'That is not your password. Try again.' }],
    });
    appStatus.mockResolvedValue(locked);
    const onStatus = vi.fn();
    render(LockScreen, { status: locked, onStatus, onSignOut: vi.fn() });
    expect(screen.getByRole('dialog', { name: 'Housing Desk is locked' })).toBeTruthy();
    expect(screen.getByText('Dana Reyes')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Password'), 'wrong one');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('That is not your password. Try again.')).toBeTruthy();
    expect(onStatus).not.toHaveBeenCalled();

    unlockWindow.mockResolvedValueOnce({ stage: 'ready' });
    await userEvent.clear(screen.getByLabelText(/Password/));
    await userEvent.type(screen.getByLabelText(/Password/), 'kitchen window sunrise');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(unlockWindow).toHaveBeenLastCalledWith('kitchen window sunrise');
    expect(onStatus).toHaveBeenCalledWith({ stage: 'ready' });
  });

  it('passes on the sign-out when the fifth wrong password ended the session', async () => {
    unlockWindow.mockRejectedValueOnce({
      code: 'validation', message: 'x',
      fields: [{ field: 'password', message: 'This account is locked after 5 sign-ins in a row that did not work. You have been signed out.' }],
    });
    appStatus.mockResolvedValue({ stage: 'sign_in' });
    const onStatus = vi.fn();
    render(LockScreen, { status: locked, onStatus, onSignOut: vi.fn() });
    await userEvent.type(screen.getByLabelText('Password'), 'wrong again');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await vi.waitFor(() => expect(onStatus).toHaveBeenCalled());
    expect(onStatus.mock.calls[0]![0]).toEqual({ stage: 'sign_in' });
    expect(onStatus.mock.calls[0]![1]).toContain('You have been signed out.');
  });
});
