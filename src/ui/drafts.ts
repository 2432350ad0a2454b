/**
 * Unsaved work kept in the browser as it is typed, so a reload, a crash or a failed save loses
 * nothing. Drafts stay on this device only and are cleared once the save succeeds.
 */
export interface Draft<T> {
  value: T;
  savedAt: string;
}

export interface DraftStore {
  load<T>(key: string): Draft<T> | undefined;
  save<T>(key: string, value: T): void;
  clear(key: string): void;
}

const PREFIX = 'nps-maturity-draft:';

/** localStorage when the browser allows it; a memory store where it does not (private modes, tests). */
export function browserDraftStore(storage?: Storage): DraftStore {
  let store: Storage | undefined = storage;
  try {
    store = store ?? window.localStorage;
  } catch {
    store = undefined;
  }
  const memory = new Map<string, string>();
  const get = (k: string): string | null => (store ? store.getItem(PREFIX + k) : memory.get(k) ?? null);
  const set = (k: string, v: string): void => {
    try {
      if (store) store.setItem(PREFIX + k, v);
      else memory.set(k, v);
    } catch {
      memory.set(k, v); // storage full: keep it for this session at least
    }
  };
  return {
    load<T>(key: string): Draft<T> | undefined {
      const text = get(key) ?? memory.get(key) ?? null;
      if (!text) return undefined;
      try {
        return JSON.parse(text) as Draft<T>;
      } catch {
        return undefined;
      }
    },
    save<T>(key: string, value: T): void {
      set(key, JSON.stringify({ value, savedAt: new Date().toISOString() }));
    },
    clear(key: string): void {
      memory.delete(key);
      if (store) store.removeItem(PREFIX + key);
    },
  };
}
