// Settings: the administrator's backup. The folder is chosen in the system's
// dialog (started beside the data folder); what was written, or why not, is
// said beside the button; nothing happens when the dialog is cancelled.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { AppStatus } from '../src/lib/bindings/AppStatus';

const chooseDailyBackupFolder = vi.fn();
const backupNow = vi.fn();
const rotateKey = vi.fn();
const saveBackupSchedule = vi.fn();
const changePassphrase = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: {
    rotateKey: (...a: unknown[]) => rotateKey(...a),
    backupSchedule: () => Promise.resolve({ enabled: false, folder: '', keep: 7, last_success_at: null, last_folder: null, last_attempt_at: null, last_error: null }),
    saveBackupSchedule: (...a: unknown[]) => saveBackupSchedule(...a),
    changePassphrase: (...a: unknown[]) => changePassphrase(...a),
    listStaff: () => Promise.resolve([]),
    leaseWording: () => Promise.resolve([]),
    disclosureNotice: () => Promise.reject(new Error('not in this test')),
    rolePermissions: () => new Promise(() => {}),
    chooseDailyBackupFolder: (...a: unknown[]) => chooseDailyBackupFolder(...a),
    backupNow: (...a: unknown[]) => backupNow(...a),
  },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { default: Settings } = await import('../src/pages/Settings.svelte');

function status(role: string): AppStatus {
  return {
    stage: 'ready', data_dir: '/home/maria/.local/share/housing-desk', key_in_keyring: true,
    session: { staff_id: 1, username: 'mokafor', full_name: 'Maria Okafor', role },
    office: { grantee_name: 'Thresholds Housing', county: 'Cook', program: 'housing_is_recovery', mailing_address: '', phone: '' },
  } as unknown as AppStatus;
}

beforeEach(() => {
  chooseDailyBackupFolder.mockReset();
  backupNow.mockReset();
});

describe('backups in Settings', () => {
  it('writes the backup in the folder chosen and says where', async () => {
    // The folder dialog opens from Rust; the command answers what it wrote.
    backupNow.mockResolvedValue({
      folder: '/media/usb/housing-desk-backup-20261204-152851',
      manifest: { counts: [{ table: 'participant', rows: 12 }, { table: 'audit_log', rows: 340 }] },
    });
    render(Settings, { status: status('administrator') });
    await userEvent.click(screen.getByRole('button', { name: 'Back up now…' }));
    expect(backupNow).toHaveBeenCalledWith();
    expect((await screen.findByRole('status')).textContent?.replace(/\s+/g, ' ')).toContain(
      'Backup written: /media/usb/housing-desk-backup-20261204-152851 (12 participants, 340 audit entries).',
    );
  });

  it('does nothing when the dialog is cancelled, and says why a backup failed', async () => {
    backupNow.mockResolvedValueOnce(null);
    render(Settings, { status: status('administrator') });
    await userEvent.click(screen.getByRole('button', { name: 'Back up now…' }));
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();

    backupNow.mockRejectedValue({
      code: 'validation', message: '1 field needs correcting',
      fields: [{ field: 'folder', message: 'The backup could not be written in /media/full (the disk is full).' }],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Back up now…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('(the disk is full).');
  });

  it('is offered to administrators only, with restore and the key', () => {
    render(Settings, { status: status('supervisor') });
    expect(screen.queryByRole('button', { name: 'Back up now…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Choose a backup to restore…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change the key' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change the passphrase' })).toBeNull();
  });
});

describe('the daily backup in Settings', () => {
  it('turns on in the folder chosen, and says when a run failed', async () => {
    chooseDailyBackupFolder.mockResolvedValue('/media/usb');
    saveBackupSchedule.mockRejectedValueOnce({
      code: 'validation', message: 'There is a problem with one answer.',
      fields: [{ field: 'keep', message: 'Enter how many daily backups to keep: a whole number from 1 to 365.' }],
    });
    render(Settings, { status: status('administrator') });
    await userEvent.click(await screen.findByLabelText('Write a backup every day'));
    await userEvent.click(screen.getByRole('button', { name: /Choose the folder…/ }));
    expect(chooseDailyBackupFolder).toHaveBeenCalledTimes(1);
    const keep = screen.getByLabelText('How many daily backups to keep') as HTMLInputElement;
    await userEvent.clear(keep);
    await userEvent.type(keep, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save the daily backup' }));
    expect((await screen.findAllByText('Enter how many daily backups to keep: a whole number from 1 to 365.')).length).toBeGreaterThan(0);
    expect(keep.value).toBe('0');
    expect(screen.getByText('/media/usb')).toBeTruthy();

    saveBackupSchedule.mockResolvedValueOnce({
      enabled: true, folder: '/media/usb', keep: 14, last_success_at: null, last_folder: null,
      last_attempt_at: '2026-12-04T16:00:00Z', last_error: 'The backup could not be written in /media/usb (the disk is full).',
    });
    await userEvent.clear(keep);
    await userEvent.type(keep, '14');
    await userEvent.click(screen.getByRole('button', { name: 'Save the daily backup' }));
    expect(saveBackupSchedule).toHaveBeenLastCalledWith({ enabled: true, folder: '/media/usb', keep: '14' });
    expect(await screen.findByText('The last daily backup failed')).toBeTruthy();
    expect(screen.getByText(/the disk is full\)\. It is tried again every hour/)).toBeTruthy();
  });
});

describe('the key and the recovery passphrase in Settings', () => {
  it('changes the key with the passphrase, and says so', async () => {
    rotateKey.mockRejectedValueOnce({
      code: 'validation', message: 'There is a problem with one answer.',
      fields: [{ field: 'passphrase', message: 'That is not the current recovery passphrase. Check it and try again.' }],
    });
    const onStatus = vi.fn();
    render(Settings, { status: status('administrator'), onStatus });
    const field = screen.getByLabelText('Recovery passphrase') as HTMLInputElement;
    await userEvent.type(field, 'blue heron');
    await userEvent.click(screen.getByRole('button', { name: 'Change the key' }));
    expect((await screen.findAllByText('That is not the current recovery passphrase. Check it and try again.')).length).toBeGreaterThan(0);
    expect(field.value).toBe('blue heron');

    rotateKey.mockResolvedValueOnce(status('administrator'));
    await userEvent.type(field, ' over the river');
    await userEvent.click(screen.getByRole('button', { name: 'Change the key' }));
    expect(rotateKey).toHaveBeenLastCalledWith('blue heron over the river');
    expect(await screen.findByText(/now encrypted under a new key/)).toBeTruthy();
    expect(field.value).toBe('');
    expect(onStatus).toHaveBeenCalled();
  });

  it('changes the passphrase, with each refusal beside its field', async () => {
    changePassphrase.mockRejectedValueOnce({
      code: 'validation', message: 'There is a problem with one answer.',
      fields: [{ field: 'new_passphrase_confirm', message: 'The two recovery passphrases are not the same. Type it again.' }],
    });
    render(Settings, { status: status('administrator') });
    await userEvent.type(screen.getByLabelText('Current recovery passphrase'), 'blue heron over the river');
    await userEvent.type(screen.getByLabelText(/^New recovery passphrase/), 'lanterns along the canal');
    await userEvent.type(screen.getByLabelText('The new passphrase again'), 'lanterns along the canals');
    await userEvent.click(screen.getByRole('button', { name: 'Change the passphrase' }));
    expect((await screen.findAllByText('The two recovery passphrases are not the same. Type it again.')).length).toBeGreaterThan(0);
    expect((screen.getByLabelText(/^New recovery passphrase/) as HTMLInputElement).value).toBe('lanterns along the canal');

    changePassphrase.mockResolvedValueOnce(status('administrator'));
    await userEvent.clear(screen.getByLabelText('The new passphrase again'));
    await userEvent.type(screen.getByLabelText('The new passphrase again'), 'lanterns along the canal');
    await userEvent.click(screen.getByRole('button', { name: 'Change the passphrase' }));
    expect(changePassphrase).toHaveBeenLastCalledWith({
      passphrase: 'blue heron over the river', new_passphrase: 'lanterns along the canal', new_passphrase_confirm: 'lanterns along the canal',
    });
    expect(await screen.findByText(/The recovery passphrase is changed/)).toBeTruthy();
  });
});
