// The state of one form: its errors from Rust, by field, and the summary.
import type { ApiError } from './api';
import { isApiError, toApiError } from './api';

export class FormErrors {
  /** The message at the top of the form, if any. */
  summary = $state<string | null>(null);
  /** Messages by field name (as Rust names them). */
  byField = $state<Record<string, string>>({});
  /** The order in which the fields were reported, for the summary's links. */
  list = $state<{ field: string; message: string }[]>([]);

  clear() {
    this.summary = null;
    this.byField = {};
    this.list = [];
  }

  /** Shows an error answered by a command. */
  show(raw: unknown) {
    const e: ApiError = isApiError(raw) ? raw : toApiError(raw);
    this.summary = e.message;
    this.list = e.fields;
    const map: Record<string, string> = {};
    for (const f of e.fields) map[f.field] ??= f.message;
    this.byField = map;
  }

  get any() {
    return this.summary !== null;
  }
}
