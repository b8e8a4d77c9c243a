import { describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { api, toApiError } = await import('../src/lib/api');

describe('toApiError', () => {
  it('keeps an error from Rust as it is', () => {
    const e = { code: 'validation', message: 'Fix it', fields: [{ field: 'birth_date', message: 'Bad date' }] };
    expect(toApiError(e)).toEqual(e);
  });

  it('turns a bare string (a Tauri failure) into an internal error', () => {
    expect(toApiError('command not found')).toEqual({ code: 'internal', message: 'command not found', fields: [] });
  });

  it('never shows an empty message', () => {
    expect(toApiError(undefined).message).toMatch(/could not do that/);
  });
});

describe('api', () => {
  it('sends each command its arguments under the names Rust expects', async () => {
    invoke.mockResolvedValueOnce({ id: 7 });
    await api.updateParticipant(7, { legal_name: 'A' } as never);
    expect(invoke).toHaveBeenCalledWith('update_participant', { id: 7, input: { legal_name: 'A' } });
  });

  it('rejects with an ApiError when Rust refuses', async () => {
    invoke.mockRejectedValueOnce({ code: 'not_signed_in', message: 'Sign in again.', fields: [] });
    await expect(api.dashboard('office')).rejects.toMatchObject({ code: 'not_signed_in' });
  });
});
