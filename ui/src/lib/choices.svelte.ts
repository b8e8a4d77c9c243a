// The closed lists from Rust (statuses, referral sources, roles, programs),
// loaded once, with their labels looked up by code.
import type { Choices } from './bindings/Choices';
import type { ChoiceItem } from './bindings/ChoiceItem';

/** Every list empty: what the UI holds until Rust's lists arrive. */
export function emptyChoices(): Choices {
  return {
    participant_statuses: [],
    referral_sources: [],
    roles: [],
    programs: [],
    calculation_kinds: [],
    income_members: [],
    income_sources: [],
    frequencies: [],
    verifications: [],
    expense_kinds: [],
    leasing_options: [],
    utilities: [],
    fuels: [],
    visit_kinds: [],
    linkages: [],
    screening_steps: [],
    evidence_methods: [],
    medicaid: [],
    categories: [],
    homeless: [],
    waitlist_statuses: [],
    waitlists: [],
    determinations: [],
    soar_statuses: [],
    benefits_decisions: [],
    goal_areas: [],
    goal_statuses: [],
    provider_kinds: [],
    stay_kinds: [],
    exit_reasons: [],
    destinations: [],
    unit_outcomes: [],
    landlord_roles: [],
    grantee_relations: [],
    unit_statuses: [],
    housing_types: [],
    item_results: [],
    inspection_kinds: [],
    responsibles: [],
    qualities: [],
    rent_determinations: [],
    incentive_kinds: [],
    incentive_statuses: [],
    cost_categories: [],
    payee_kinds: [],
    approval_lifts: [],
    lease_change_kinds: [],
    sexes: [],
    races: [],
    race_none: [],
    yes_no_answers: [],
    substance_uses: [],
    report_kinds: [],
    aims: [],
  };
}

class ChoiceLists {
  lists = $state<Choices>(emptyChoices());

  set(lists: Choices) {
    this.lists = lists;
  }

  private find(items: ChoiceItem[], code: string | null | undefined) {
    return items.find((i) => i.code === code)?.label ?? code ?? '';
  }

  status = (code: string | null | undefined) => this.find(this.lists.participant_statuses, code);
  source = (code: string | null | undefined) => this.find(this.lists.referral_sources, code);
  role = (code: string | null | undefined) => this.find(this.lists.roles, code);
  program = (code: string | null | undefined) => this.find(this.lists.programs, code);
  incomeSource = (code: string | null | undefined) => this.find(this.lists.income_sources, code);
  calculationKind = (code: string | null | undefined) => this.find(this.lists.calculation_kinds, code);
  frequency = (code: string | null | undefined) => this.find(this.lists.frequencies, code);
  utility = (code: string | null | undefined) => this.find(this.lists.utilities, code);
  fuel = (code: string | null | undefined) => this.find(this.lists.fuels, code);
  visitKind = (code: string | null | undefined) => this.find(this.lists.visit_kinds, code);
  linkage = (code: string | null | undefined) => this.find(this.lists.linkages, code);
  /** The label of `code` in any list, by the list's name. */
  label = (list: keyof Choices, code: string | null | undefined) => this.find(this.lists[list], code);
}

export const choices = new ChoiceLists();
