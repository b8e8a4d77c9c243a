// Restoring a backup: the folder comes from the system dialog, what the
// backup holds is shown before anything is replaced, the passphrase is asked
// only when this computer's key does not open it, and a refusal is shown
// beside the field with what was typed kept.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const chooseBackup = vi.fn();
const restoreBackup = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: {
    chooseBackup: (...a: unknown[]) => chooseBackup(...a),
    restoreBackup: (...a: unknown[]) => restoreBackup(...a),
  },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { default: RestoreBackup } = await import('../src/lib/components/RestoreBackup.svelte');

const summary = (opens: boolean) => ({
  source: '/media/usb/housing-desk-backup-20261201-090000',
  key_file_included: true,
  opens_with_this_computers_key: opens,
  manifest: {
    created_at: '2026-12-01T15:00:00Z', created_by: 'mokafor', app_version: '0.1.0', schema_version: 17,
    database_file: 'housing-desk.db', database_bytes: 1, database_sha256: 'x', key_file_included: true,
    counts: [{ table: 'participant', rows: 12 }, { table: 'staff', rows: 3 }, { table: 'payment', rows: 40 }, { table: 'audit_log', rows: 900 }],
  },
});

beforeEach(() => {
  chooseBackup.mockReset();
  restoreBackup.mockReset();
});

describe('restoring a backup', () => {
  it('shows what the backup holds, asks for its passphrase, and restores', async () => {
    // The folder dialog opens from Rust, which answers what the chosen backup holds.
    chooseBackup.mockResolvedValue(summary(false));
    const onRestored = vi.fn();
    render(RestoreBackup, { onRestored });
    await userEvent.click(screen.getByRole('button', { name: 'Choose a backup to restore…' }));
    expect(chooseBackup).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/12 participants, 3 staff accounts, 40 payments, 900 audit entries/)).toBeTruthy();
    expect(screen.getByText(/by mokafor/)).toBeTruthy();

    restoreBackup.mockRejectedValueOnce({
      code: 'validation', message: 'There is a problem with one answer.',
      fields: [{ field: 'passphrase', message: 'That is not the recovery passphrase of this backup.' }],
    });
    const field = screen.getByLabelText(/Recovery passphrase/) as HTMLInputElement;
    await userEvent.type(field, 'blue heron over the rivr');
    await userEvent.click(screen.getByRole('button', { name: 'Replace the records with this backup' }));
    expect((await screen.findAllByText('That is not the recovery passphrase of this backup.')).length).toBeGreaterThan(0);
    expect(field.value).toBe('blue heron over the rivr');
    expect(onRestored).not.toHaveBeenCalled();

    restoreBackup.mockResolvedValueOnce({
      status: { stage: 'sign_in' },
      done: { restored_from: 'x', set_aside: '/data/replaced/before-restore-20261204-160000', schema_version: 17, counts: [] },
    });
    await userEvent.clear(field);
    await userEvent.type(field, 'blue heron over the river');
    await userEvent.click(screen.getByRole('button', { name: 'Replace the records with this backup' }));
    expect(restoreBackup).toHaveBeenLastCalledWith('blue heron over the river');
    expect(onRestored).toHaveBeenCalledTimes(1);
    const [status, message] = onRestored.mock.calls[0]!;
    expect(status.stage).toBe('sign_in');
    expect(message).toContain('kept in /data/replaced/before-restore-20261204-160000');
    expect(message).toContain('Sign in again.');
  });

  it('needs no passphrase for a backup this computer’s key opens', async () => {
    chooseBackup.mockResolvedValue(summary(true));
    restoreBackup.mockResolvedValue({ status: { stage: 'sign_in' }, done: { set_aside: null, counts: [] } });
    render(RestoreBackup, { onRestored: vi.fn() });
    await userEvent.click(screen.getByRole('button', { name: 'Choose a backup to restore…' }));
    await screen.findByText(/12 participants/);
    expect(screen.queryByLabelText(/Recovery passphrase/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Replace the records with this backup' }));
    expect(restoreBackup).toHaveBeenCalledWith('');
  });

  it('says why a folder is not a backup, and does nothing when the dialog is cancelled', async () => {
    chooseBackup.mockResolvedValueOnce(null);
    render(RestoreBackup, { onRestored: vi.fn() });
    await userEvent.click(screen.getByRole('button', { name: 'Choose a backup to restore…' }));
    expect(screen.queryByRole('button', { name: 'Replace the records with this backup' })).toBeNull();

    chooseBackup.mockRejectedValue({
      code: 'validation', message: 'There is a problem with one answer.',
      fields: [{ field: 'folder', message: '/home is not a Housing Desk backup: it has no housing-desk.db.' }],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Choose a backup to restore…' }));
    expect((await screen.findAllByText('/home is not a Housing Desk backup: it has no housing-desk.db.')).length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Replace the records with this backup' })).toBeNull();
  });
});
