// The audit page: rows in plain words, filters checked by Rust (what was
// typed stays, each error beside its field), the participant chosen by
// name, paging by cursor, and the CSV export through the save dialog.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { AuditPage } from '../src/lib/bindings/AuditPage';
import type { AuditRow } from '../src/lib/bindings/AuditRow';

const auditTrail = vi.fn();
const auditChoices = vi.fn();
const listParticipants = vi.fn();
const exportAuditTrail = vi.fn();
vi.mock('../src/lib/api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/lib/api')>()),
  api: {
    auditTrail: (...a: unknown[]) => auditTrail(...a),
    auditChoices: () => auditChoices(),
    listParticipants: (...a: unknown[]) => listParticipants(...a),
    exportAuditTrail: (...a: unknown[]) => exportAuditTrail(...a),
  },
}));

const { default: AuditTrail } = await import('../src/pages/AuditTrail.svelte');

function row(over: Partial<AuditRow> = {}): AuditRow {
  return {
    id: 41,
    at: '2026-11-23T15:00:00Z',
    who: 'Sam Jones',
    username: 'sjones',
    action: 'view',
    action_label: 'Viewed',
    kind: 'participant',
    kind_label: 'Participant',
    record_id: 7,
    participant: { id: 7, name: 'Nguyễn Thị Ánh' },
    what: 'case (plan, notes, stays, exit)',
    changes: [],
    ...over,
  };
}

const update = row({
  id: 40,
  action: 'update',
  action_label: 'Changed',
  what: '',
  changes: [{ field: 'Phone', old: null, new: '(312) 555-0142' }, { field: 'Status', old: 'referred', new: 'screening' }],
});

function page(rows: AuditRow[], next: AuditPage['next'] = null): AuditPage {
  return { rows, next };
}

beforeEach(() => {
  for (const f of [auditTrail, auditChoices, listParticipants, exportAuditTrail]) f.mockReset();
  auditChoices.mockResolvedValue({
    staff: [{ code: '2', label: 'Sam Jones' }],
    kinds: [{ code: 'participant', label: 'Participant' }],
    actions: [{ code: 'view', label: 'Viewed' }],
  });
  auditTrail.mockResolvedValue(page([row(), update]));
});

describe('AuditTrail', () => {
  it('shows who did what to whose record, with the person linked and the changes in words', async () => {
    render(AuditTrail);
    const link = await screen.findAllByRole('link', { name: 'Nguyễn Thị Ánh' });
    expect(link[0]).toHaveAttribute('href', '#/participants/7');
    const first = within(link[0]!.closest('tr')!).getAllByRole('cell').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(first[1]).toBe('Sam Jones (sjones)');
    expect(first[2]).toBe('Viewed: case (plan, notes, stays, exit)');
    expect(first[3]).toBe('Participant Nguyễn Thị Ánh');
    const second = within(link[1]!.closest('tr')!).getAllByRole('listitem').map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(second).toEqual(['Phone: (312) 555-0142', 'Status: referred → screening']);
    expect(screen.queryByRole('button', { name: /delete|remove|edit/i })).toBeNull();
  });

  it('keeps what was typed and shows each error beside its field', async () => {
    const user = userEvent.setup();
    render(AuditTrail);
    await screen.findAllByRole('link', { name: 'Nguyễn Thị Ánh' });
    auditTrail.mockRejectedValueOnce({
      code: 'validation',
      message: '2 field(s) need correcting',
      fields: [
        { field: 'from', message: 'The first day must be a real date, like 03/15/1984 or 1984-03-15.' },
        { field: 'to', message: 'The last day must be on or after the first day.' },
      ],
    });
    await user.type(screen.getByLabelText('From'), '02/30/2026');
    await user.type(screen.getByLabelText('To'), '01/01/2026{Enter}');
    await vi.waitFor(() => expect(auditTrail).toHaveBeenCalledTimes(2));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /first day must be a real date/ })).toHaveAttribute('href', '#from');
    expect(screen.getByLabelText('From')).toHaveValue('02/30/2026');
    expect(screen.getByLabelText('To')).toHaveValue('01/01/2026');
    expect(screen.getByLabelText('From')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription(/must be a real date/);
    expect(screen.getByLabelText('To')).toHaveAccessibleDescription(/on or after the first day/);
    expect(auditTrail).toHaveBeenLastCalledWith(expect.objectContaining({ from: '02/30/2026', to: '01/01/2026' }));
  });

  it('filters by a participant chosen by name, a staff member, a kind and an action', async () => {
    const user = userEvent.setup();
    listParticipants.mockResolvedValue({ rows: [{ id: 7, legal_name: 'Nguyễn Thị Ánh' }], total: 1, page: 1, page_size: 8 });
    render(AuditTrail);
    await screen.findAllByRole('link', { name: 'Nguyễn Thị Ánh' });
    await user.type(screen.getByLabelText('Participant'), 'ngu');
    await user.click(await screen.findByRole('button', { name: 'Nguyễn Thị Ánh' }));
    await user.selectOptions(screen.getByLabelText('Staff member'), 'Sam Jones');
    await user.selectOptions(screen.getByLabelText('Kind of record'), 'Participant');
    await user.selectOptions(screen.getByLabelText('Action'), 'Viewed');
    await user.click(screen.getByRole('button', { name: 'Show entries' }));
    await vi.waitFor(() =>
      expect(auditTrail).toHaveBeenLastCalledWith({
        participant_id: 7,
        staff_id: 2,
        kind: 'participant',
        action: 'view',
        from: '',
        to: '',
        after: null,
        page_size: 50,
      }),
    );
  });

  it('pages to older entries and back by cursor', async () => {
    const user = userEvent.setup();
    const cursor = { at: '2026-11-23T15:00:00Z', id: 40 };
    auditTrail.mockResolvedValueOnce(page([row(), update], cursor)).mockResolvedValueOnce(page([row({ id: 12 })]));
    render(AuditTrail);
    await user.click(await screen.findByRole('button', { name: 'Older' }));
    await vi.waitFor(() => expect(auditTrail).toHaveBeenLastCalledWith(expect.objectContaining({ after: cursor })));
    auditTrail.mockResolvedValueOnce(page([row(), update], cursor));
    await user.click(await screen.findByRole('button', { name: 'Newer' }));
    await vi.waitFor(() => expect(auditTrail).toHaveBeenLastCalledWith(expect.objectContaining({ after: null })));
  });

  it('exports every entry the filters choose to the file chosen in the save dialog', async () => {
    const user = userEvent.setup();
    // The save dialog opens from Rust; the command answers where and how many.
    exportAuditTrail.mockResolvedValue({ path: '/home/ana/audit.csv', entries: 1234 });
    render(AuditTrail);
    await screen.findAllByRole('link', { name: 'Nguyễn Thị Ánh' });
    await user.click(screen.getByRole('button', { name: 'Export to CSV…' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved 1,234 entries to /home/ana/audit.csv');
    expect(exportAuditTrail).toHaveBeenCalledWith(expect.objectContaining({ after: null }));
  });
});
