import { Discard, Get, Save } from '../../wailsjs/go/app/Drafts';
import type { app } from '../../wailsjs/go/models';
import { call } from './call';
import type { Plain } from './plain';

/** An editor's unsaved contents, kept by Go under a key such as "log:12"; Go keeps the value as JSON text, the wrapper parses it. */
export interface Draft<T> extends Omit<Plain<app.DraftView>, 'key' | 'value'> {
  value: T;
}

export interface DraftsApi {
  get<T>(key: string): Promise<Draft<T> | null>;
  save(key: string, value: unknown): Promise<void>;
  discard(key: string): Promise<void>;
}

export const draftsApi: DraftsApi = {
  get: <T>(key: string) =>
    call(async () => {
      const d = await Get(key);
      if (!d?.key || !d.value) return null;
      return { value: JSON.parse(d.value) as T, updatedAt: d.updatedAt ?? '' };
    }),
  save: (key, value) => call(async () => void (await Save(key, JSON.stringify(value)))),
  discard: (key) => call(() => Discard(key)),
};

/** logDraftKey names the table editor of a log (as Go's app.LogDraftKey). */
export function logDraftKey(id: number): string {
  return `log:${id}`;
}
