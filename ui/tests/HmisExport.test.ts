// The HMIS export section: what Rust refused beside its field with the
// typed text kept, the problems that stopped the export with a link to the
// record, and a clean export saved where the user chose.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { HmisResult } from '../src/lib/bindings/HmisResult';
import type { ReportRecord } from '../src/lib/bindings/ReportRecord';

const produceHmisExport = vi.fn();
const saveReportCopy = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: {
    produceHmisExport: (...a: unknown[]) => produceHmisExport(...a),
    saveReportCopy: (...a: unknown[]) => saveReportCopy(...a),
  },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { default: HmisExport } = await import('../src/pages/reports/HmisExport.svelte');

const record: ReportRecord = {
  id: 12, kind: 'hmis_csv', period_start: '2026-10-01', period_end: '2026-11-23', period: '10/01/2026 to 11/23/2026',
  file_name: 'HMIS CSV 2026-10-01 to 2026-11-23.zip', size: 4096, summary: '2 clients, 2 enrollments, 1 exit',
  created_by: 'Maria Okafor', created_at: '2026-11-23T15:00:00Z', submitted_on: null, submitted_by: null,
};

function result(over: Partial<HmisResult>): HmisResult {
  return { report: null, problems: [], clients: 0, enrollments: 0, exits: 0, ...over };
}

async function fillAndSubmit(from: string, to: string) {
  const user = userEvent.setup();
  await user.clear(screen.getByLabelText('From'));
  await user.type(screen.getByLabelText('From'), from);
  await user.clear(screen.getByLabelText('To'));
  await user.type(screen.getByLabelText('To'), to);
  await user.click(screen.getByRole('button', { name: 'Check and export' }));
}

beforeEach(() => {
  for (const f of [produceHmisExport, saveReportCopy]) f.mockReset();
});

describe('HmisExport', () => {
  it('shows a refused date beside its field and keeps what was typed', async () => {
    produceHmisExport.mockRejectedValueOnce({
      code: 'validation',
      message: 'There is a problem',
      fields: [{ field: 'to', message: 'The last day must be on or after the first day.' }],
    });
    render(HmisExport, {});
    await fillAndSubmit('10/31/2026', '10/01/2026');
    expect(produceHmisExport).toHaveBeenCalledWith('10/31/2026', '10/01/2026');
    const to = screen.getByLabelText('To');
    expect(to).toHaveValue('10/01/2026');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveAccessibleDescription(expect.stringContaining('The last day must be on or after the first day.'));
    expect(screen.getByLabelText('From')).toHaveValue('10/31/2026');
    expect(screen.getByRole('alert')).toHaveTextContent('There is a problem');
    expect(saveReportCopy).not.toHaveBeenCalled();
  });

  it('lists what stopped the export, with a link to the record to mend', async () => {
    produceHmisExport.mockResolvedValueOnce(result({
      clients: 2, enrollments: 2,
      problems: [
        {
          file: 'Enrollment.csv', row: 1, column: 'MoveInDate',
          message: 'Enrollment.csv row 1: MoveInDate 2026-09-01 is before EntryDate 2026-09-10.',
          fix: 'Check the enrollment date on the case and the move-in date on the lease.',
          participant_id: 7, name: 'Ana Silva', link: '#/participants/7/case', link_text: 'Open the case',
        },
        {
          file: 'Export.csv', row: 1, column: 'CSVVersion', message: 'CSVVersion is "x".',
          fix: "This is a fault in Housing Desk's export, not in your records.", participant_id: null, name: null,
          link: null, link_text: null,
        },
      ],
    }));
    const onproduced = vi.fn();
    render(HmisExport, { onproduced });
    await fillAndSubmit('10/01/2026', '11/23/2026');
    const table = await screen.findByRole('table', { name: /The export was not made: 2 things to mend first/ });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Ana Silva');
    expect(rows[1]).toHaveTextContent('MoveInDate 2026-09-01 is before EntryDate 2026-09-10.');
    expect(within(rows[1]!).getByRole('link', { name: 'Open the case' })).toHaveAttribute('href', '#/participants/7/case');
    expect(within(rows[2]!).queryByRole('link')).toBeNull();
    expect(onproduced).not.toHaveBeenCalled();
    expect(saveReportCopy).not.toHaveBeenCalled();
  });

  it('saves a clean export where the user chooses and tells the history', async () => {
    produceHmisExport.mockResolvedValueOnce(result({ report: record, clients: 2, enrollments: 2, exits: 1 }));
    // The save dialog opens from Rust; the command answers the path chosen.
    saveReportCopy.mockResolvedValueOnce('/home/maria/HMIS.zip');
    const onproduced = vi.fn();
    render(HmisExport, { onproduced });
    await fillAndSubmit('10/01/2026', '11/23/2026');
    expect(await screen.findByText('Saved: /home/maria/HMIS.zip (2 clients, 2 enrollments, 1 exit).')).toBeInTheDocument();
    expect(onproduced).toHaveBeenCalledWith(record);
    expect(saveReportCopy).toHaveBeenCalledWith(12);
  });
});
