// The participants a unit can be for: eligible, enrolled or housed, as
// choices for a list (the payment standard check, incentives).
import { api } from './api';
import type { ChoiceItem } from './bindings/ChoiceItem';

export async function participantsToHouse(): Promise<ChoiceItem[]> {
  const statuses = ['eligible', 'enrolled', 'housed'] as const;
  const pages = await Promise.all(
    statuses.map((status) => api.listParticipants({ search: '', status, sort: 'name', descending: false, page: 1, page_size: 200 })),
  );
  return pages.flatMap((p) => p.rows).map((r) => ({ code: String(r.id), label: r.legal_name }));
}
