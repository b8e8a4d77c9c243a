// Settings, staff accounts: an account locked after five failed sign-ins
// shows until when, and an administrator unlocks it or sets a new password;
// the minutes before the window locks are checked beside their field.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { AppStatus } from '../src/lib/bindings/AppStatus';

const listStaff = vi.fn();
const unlockStaff = vi.fn();
const resetStaffPassword = vi.fn();
const setLockAfter = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: {
    listStaff: () => listStaff(),
    leaseWording: () => Promise.resolve([]),
    disclosureNotice: () => new Promise(() => {}),
    backupSchedule: () => new Promise(() => {}),
    rolePermissions: () => new Promise(() => {}),
    unlockStaff: (...a: unknown[]) => unlockStaff(...a),
    resetStaffPassword: (...a: unknown[]) => resetStaffPassword(...a),
    setLockAfter: (...a: unknown[]) => setLockAfter(...a),
  },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { default: Settings } = await import('../src/pages/Settings.svelte');

const status = (role = 'administrator', minutes = 15) =>
  ({
    stage: 'ready', data_dir: '/d', key_in_keyring: true, lock_after_minutes: minutes,
    session: { staff_id: 1, username: 'mokafor', full_name: 'Maria Okafor', role },
    office: { grantee_name: 'Thresholds Housing', county: 'Cook', program: 'housing_is_recovery', mailing_address: '', phone: '' },
  }) as unknown as AppStatus;

const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
const dana = { id: 2, username: 'dreyes', full_name: 'Dana Reyes', role: 'case_manager', active: true, locked_until: inAnHour };

beforeEach(() => {
  for (const f of [listStaff, unlockStaff, resetStaffPassword, setLockAfter]) f.mockReset();
});

describe('staff accounts in Settings', () => {
  it('shows a locked account and unlocks it', async () => {
    listStaff.mockResolvedValueOnce([dana]).mockResolvedValue([{ ...dana, locked_until: null }]);
    unlockStaff.mockResolvedValue({ ...dana, locked_until: null });
    render(Settings, { status: status() });
    expect(await screen.findByText(/Locked until .* after 5 sign-ins that did not work/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Unlock Dana Reyes' }));
    expect(unlockStaff).toHaveBeenCalledWith(2);
    expect(await screen.findByText('Dana Reyes can sign in again.')).toBeTruthy();
  });

  it('sets a new password, with refusals beside the fields', async () => {
    listStaff.mockResolvedValue([dana]);
    resetStaffPassword.mockRejectedValueOnce({
      code: 'validation', message: 'There is a problem with one answer.',
      fields: [{ field: 'password_confirm', message: 'The two passwords are not the same. Type it again.' }],
    });
    render(Settings, { status: status() });
    await screen.findByText(/Locked until/);
    await userEvent.selectOptions(screen.getByLabelText('Staff member'), '2');
    await userEvent.type(screen.getByLabelText(/^New password/), 'a new long password');
    await userEvent.type(screen.getByLabelText('The new password again'), 'a new long passwort');
    await userEvent.click(screen.getByRole('button', { name: 'Set the password' }));
    expect((await screen.findAllByText('The two passwords are not the same. Type it again.')).length).toBeGreaterThan(0);
    expect((screen.getByLabelText(/^New password/) as HTMLInputElement).value).toBe('a new long password');

    resetStaffPassword.mockResolvedValueOnce({ ...dana, locked_until: null });
    await userEvent.clear(screen.getByLabelText('The new password again'));
    await userEvent.type(screen.getByLabelText('The new password again'), 'a new long password');
    await userEvent.click(screen.getByRole('button', { name: 'Set the password' }));
    expect(resetStaffPassword).toHaveBeenLastCalledWith({ staff_id: 2, password: 'a new long password', password_confirm: 'a new long password' });
    expect(await screen.findByText('Dana Reyes has a new password. Give it to them in person.')).toBeTruthy();
  });

  it('checks the minutes before the window locks', async () => {
    listStaff.mockResolvedValue([]);
    setLockAfter.mockRejectedValueOnce({
      code: 'validation', message: 'There is a problem with one answer.',
      fields: [{ field: 'lock_after_minutes', message: 'Enter a whole number of minutes from 1 to 15.' }],
    });
    const onStatus = vi.fn();
    render(Settings, { status: status(), onStatus });
    const minutes = screen.getByLabelText(/Minutes without use before the window locks/) as HTMLInputElement;
    expect(minutes.value).toBe('15');
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '30');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findAllByText('Enter a whole number of minutes from 1 to 15.')).length).toBeGreaterThan(0);
    expect(minutes.value).toBe('30');
    setLockAfter.mockResolvedValueOnce(status('administrator', 5));
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(setLockAfter).toHaveBeenLastCalledWith('5');
    expect(onStatus).toHaveBeenCalled();
  });

  it('offers none of it to a supervisor', async () => {
    listStaff.mockResolvedValue([dana]);
    render(Settings, { status: status('supervisor') });
    expect(await screen.findByText(/Locked until/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unlock Dana Reyes' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Set the password' })).toBeNull();
    expect(screen.queryByLabelText(/Minutes without use/)).toBeNull();
  });
});
