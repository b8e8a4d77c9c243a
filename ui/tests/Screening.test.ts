// The screening page: it resumes at the first step not saved, shows what
// Rust refused beside the field (verification fields included), keeps what
// was typed, and sends an override only with its reason.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ScreeningView } from '../src/lib/bindings/ScreeningView';
import type { ScreeningForm } from '../src/lib/bindings/ScreeningForm';

const saveScreeningStep = vi.fn();
const finishScreening = vi.fn();
const screening = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: {
    getParticipant: () => Promise.resolve({ id: 7, legal_name: 'Marcus Webb' }),
    screening: (...a: unknown[]) => screening(...a),
    saveScreeningStep: (...a: unknown[]) => saveScreeningStep(...a),
    finishScreening: (...a: unknown[]) => finishScreening(...a),
    screenAgain: vi.fn(),
  },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { choices, emptyChoices } = await import('../src/lib/choices.svelte');
const { default: Screening } = await import('../src/pages/Screening.svelte');

const evidence = () => ({ method: '', document: '', document_date: '' });
function blankForm(): ScreeningForm {
  return {
    aging_out_of_dcfs: '', age_evidence: evidence(), medicaid: '', medicaid_evidence: evidence(), homeless: '',
    homeless_situation: '', homeless_evidence: evidence(), category: '', psychiatric_admissions_12m: '', sud_stays_12m: '',
    correctional_stays_12m: '', incarcerated_12_consecutive_months: '', smi_disability_determination: '',
    incarcerated_once_12m: '', overdoses_12m: '', category_evidence: evidence(), household_size: '', live_in_aide: '',
    household_evidence: evidence(), income_eligible: '', income_evidence: evidence(), other_assistance: '',
    other_assistance_evidence: evidence(), srn_811: '', srn_811_registered_on: '', hcv: '', hcv_agency: '',
    hcv_registered_on: '', hcv_opens_on: '',
  };
}
function view(over: Partial<ScreeningView> = {}): ScreeningView {
  return {
    id: 3, form: blankForm(), steps_done: [], age_years: 46, income_from_calculation: true,
    outcome: { steps_left: [], unmet: [] }, finished_at: null, finished_by: null, determination: null,
    override_by_name: null, override_reason: null, ...over,
  };
}

beforeEach(() => {
  for (const f of [saveScreeningStep, finishScreening, screening]) f.mockReset();
  choices.set({
    ...emptyChoices(),
    screening_steps: [
      ['age', 'Age'], ['medicaid', 'Medicaid'], ['homeless', 'Homelessness'], ['category', 'Category and its criteria'],
      ['household', 'Household'], ['income', 'Income'], ['other_assistance', 'Other rental assistance'], ['waitlists', 'Waiting lists'],
    ].map(([code, label]) => ({ code: code!, label: label! })),
    evidence_methods: [{ code: 'document', label: 'Document seen' }],
    medicaid: [{ code: 'enrolled', label: 'Enrolled in Medicaid' }, { code: 'neither', label: 'Neither' }],
  });
});

describe('Screening', () => {
  it('resumes at the first step not saved, with the answers kept', async () => {
    const form = blankForm();
    form.age_evidence.method = 'document';
    screening.mockResolvedValue(view({ form, steps_done: ['age'] }));
    render(Screening, { id: 7 });
    expect(await screen.findByRole('heading', { level: 2, name: 'Medicaid' })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Screening steps' })).getByText('✓')).toBeInTheDocument();
  });

  it('shows a refused verification beside its field and keeps the answer', async () => {
    screening.mockResolvedValue(view({ steps_done: ['age'] }));
    saveScreeningStep.mockRejectedValueOnce({
      code: 'validation',
      message: 'There is a problem',
      fields: [{ field: 'medicaid_evidence.method', message: 'Choose how this was verified.' }],
    });
    const user = userEvent.setup();
    render(Screening, { id: 7 });
    await user.click(await screen.findByLabelText('Enrolled in Medicaid'));
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));

    const method = await screen.findByLabelText('Verified by');
    expect(method).toHaveAttribute('aria-invalid', 'true');
    expect(method).toHaveAccessibleDescription(/Choose how this was verified/);
    expect(screen.getByRole('link', { name: 'Choose how this was verified.' })).toHaveAttribute('href', '#medicaid_evidence_method');
    expect(screen.getByLabelText('Enrolled in Medicaid')).toBeChecked();
    expect(saveScreeningStep).toHaveBeenCalledWith(7, 'medicaid', expect.objectContaining({ medicaid: 'enrolled' }));
  });

  it('sends a supervisor override with its reason when the rules say ineligible', async () => {
    const unmet = [{ code: 'medicaid', label: 'Enrolled in Medicaid, or eligible to enroll' }];
    screening.mockResolvedValue(
      view({ steps_done: ['age', 'medicaid', 'homeless', 'category', 'household', 'income', 'other_assistance', 'waitlists'], outcome: { steps_left: [], unmet } as ScreeningView['outcome'] }),
    );
    finishScreening.mockResolvedValue(
      view({ finished_at: '2026-11-23T15:00:00Z', finished_by: 'Maria Okafor', determination: 'eligible_by_override', override_by_name: 'Dana Ruiz', override_reason: 'Medicaid application filed today', outcome: { steps_left: [], unmet } as ScreeningView['outcome'] }),
    );
    const user = userEvent.setup();
    render(Screening, { id: 7 });
    expect(await screen.findByText(/Not eligible\./)).toBeInTheDocument();
    await user.click(screen.getByLabelText('A supervisor decided they are eligible anyway'));
    await user.type(screen.getByLabelText('Supervisor who decided'), 'Dana Ruiz');
    await user.type(screen.getByLabelText('Reason for the override'), 'Medicaid application filed today');
    await user.click(screen.getByRole('button', { name: 'Record the determination' }));
    expect(finishScreening).toHaveBeenCalledWith(7, { supervisor: 'Dana Ruiz', reason: 'Medicaid application filed today' });
    expect(await screen.findByText(/Override by Dana Ruiz:/)).toBeInTheDocument();
  });
});
