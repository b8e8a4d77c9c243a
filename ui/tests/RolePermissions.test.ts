// Settings: the read-only grid of what each role may do. The rows, the
// columns and every cell's words come from Rust's permission table; the
// page only lays them out as a table people and screen readers can read.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import type { AppStatus } from '../src/lib/bindings/AppStatus';
import type { Grant } from '../src/lib/bindings/Grant';
import type { RoleGrid } from '../src/lib/bindings/RoleGrid';

const rolePermissions = vi.fn();
// Settings calls more than the grid; anything else answers nothing, so the
// page can grow without this test knowing each call.
vi.mock('../src/lib/api', () => ({
  api: new Proxy({ rolePermissions: () => rolePermissions() } as Record<string, unknown>, {
    get: (known, name: string) => known[name] ?? (() => new Promise(() => {})),
  }),
}));

const { default: RolePermissions } = await import('../src/pages/settings/RolePermissions.svelte');
const { default: Settings } = await import('../src/pages/Settings.svelte');

const roles = [
  { role: 'office_staff', label: 'Office staff' },
  { role: 'housing_locator', label: 'Housing locator' },
  { role: 'case_manager', label: 'Case manager' },
  { role: 'supervisor', label: 'Supervisor' },
  { role: 'administrator', label: 'Administrator' },
] as const;

function row(permission: string, label: string, grants: Grant[]) {
  const words: Record<Grant, string> = { yes: 'Yes', no: 'No', own_participants: 'Their own participants' };
  return {
    permission,
    label,
    grants: roles.map((r, i) => ({ role: r.role, grant: grants[i] ?? 'no', label: words[grants[i] ?? 'no'] })),
  };
}

function grid(): RoleGrid {
  return {
    roles: [...roles],
    rows: [
      row('keep_cases', 'Screen referrals and keep the case: case plan, notes, visits, stays, exit', ['yes', 'no', 'own_participants', 'yes', 'yes']),
      row('approve_payment_runs', 'Approve the monthly payment run', ['no', 'no', 'no', 'yes', 'no']),
    ],
    own_participants: 'Their own participants: a case manager reaches the whole case of the participants assigned to them.',
  } as RoleGrid;
}

beforeEach(() => rolePermissions.mockReset());

describe('what each role may do', () => {
  it('shows permissions as rows and roles as columns, in the words Rust sent', async () => {
    rolePermissions.mockResolvedValue(grid());
    render(RolePermissions);
    const table = await screen.findByRole('table', { name: 'What each role may do' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['May…', 'Office staff', 'Housing locator', 'Case manager', 'Supervisor', 'Administrator']);

    const approve = within(table).getByRole('row', { name: /Approve the monthly payment run/ });
    expect(within(approve).getByRole('rowheader').textContent).toBe('Approve the monthly payment run');
    expect(within(approve).getAllByRole('cell').map((c) => c.textContent)).toEqual(['No', 'No', 'No', 'Yes', 'No']);

    const cases = within(table).getByRole('row', { name: /keep the case/ });
    expect(within(cases).getAllByRole('cell')[2]?.textContent).toBe('Their own participants');
    expect(screen.getByText(/a case manager reaches the whole case/)).toBeInTheDocument();
  });

  it('offers nothing to change: the table is set in the program', async () => {
    rolePermissions.mockResolvedValue(grid());
    render(RolePermissions);
    await screen.findByRole('table');
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('says why when the table is refused', async () => {
    rolePermissions.mockRejectedValueOnce({
      code: 'forbidden', fields: [],
      message: '“Add staff accounts and see what each role may do” is for administrators; supervisors cannot do it.',
    });
    render(RolePermissions);
    expect((await screen.findByRole('alert')).textContent).toContain('is for administrators; supervisors cannot do it.');
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('the grid in Settings', () => {
  const status = (role: string) => ({
    stage: 'ready', data_dir: '/home/maria/.local/share/housing-desk', key_in_keyring: true,
    session: { staff_id: 1, username: 'mokafor', full_name: 'Maria Okafor', role },
    office: { grantee_name: 'Thresholds Housing', county: 'Cook', program: 'housing_is_recovery', mailing_address: '', phone: '' },
  }) as unknown as AppStatus;

  it('is shown to administrators', async () => {
    rolePermissions.mockResolvedValue(grid());
    render(Settings, { status: status('administrator') });
    expect(await screen.findByRole('table', { name: 'What each role may do' })).toBeInTheDocument();
  });

  it('is not asked for by anyone else', () => {
    render(Settings, { status: status('supervisor') });
    expect(screen.queryByRole('heading', { name: 'What each role may do' })).toBeNull();
    expect(rolePermissions).not.toHaveBeenCalled();
  });
});
