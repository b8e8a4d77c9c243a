// Settings: the administrator's backup. The folder is chosen in the system's
// dialog (started beside the data folder); what was written, or why not, is
// said beside the button; nothing happens when the dialog is cancelled.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { AppStatus } from '../src/lib/bindings/AppStatus';

const chooseFolder = vi.fn();
const backupNow = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: {
    listStaff: () => Promise.resolve([]),
    leaseWording: () => Promise.resolve([]),
    rolePermissions: () => new Promise(() => {}),
    chooseFolder: (...a: unknown[]) => chooseFolder(...a),
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
  chooseFolder.mockReset();
  backupNow.mockReset();
});

describe('backups in Settings', () => {
  it('writes the backup in the folder chosen and says where', async () => {
    chooseFolder.mockResolvedValue('/media/usb');
    backupNow.mockResolvedValue({
      folder: '/media/usb/housing-desk-backup-20261204-152851',
      manifest: { counts: [{ table: 'participant', rows: 12 }, { table: 'audit_log', rows: 340 }] },
    });
    render(Settings, { status: status('administrator') });
    await userEvent.click(screen.getByRole('button', { name: 'Back up now…' }));
    expect(chooseFolder).toHaveBeenCalledWith('Choose where to write the backup', '/home/maria/.local/share');
    expect(backupNow).toHaveBeenCalledWith('/media/usb');
    expect((await screen.findByRole('status')).textContent?.replace(/\s+/g, ' ')).toContain(
      'Backup written: /media/usb/housing-desk-backup-20261204-152851 (12 participants, 340 audit entries).',
    );
  });

  it('does nothing when the dialog is cancelled, and says why a backup failed', async () => {
    chooseFolder.mockResolvedValueOnce(null);
    render(Settings, { status: status('administrator') });
    await userEvent.click(screen.getByRole('button', { name: 'Back up now…' }));
    expect(backupNow).not.toHaveBeenCalled();

    chooseFolder.mockResolvedValueOnce('/media/full');
    backupNow.mockRejectedValue({
      code: 'validation', message: '1 field needs correcting',
      fields: [{ field: 'folder', message: 'The backup could not be written in /media/full (the disk is full).' }],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Back up now…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('(the disk is full).');
  });

  it('is offered to administrators only', () => {
    render(Settings, { status: status('supervisor') });
    expect(screen.queryByRole('button', { name: 'Back up now…' })).toBeNull();
  });
});
