import { describe, expect, it } from "vitest";
import { API_KEY_STORAGE_ITEM, createApiKeyStore } from "../../web/src/api/api-key-store.ts";

/** A Storage as a tab has one, kept in a Map. */
function memoryStorage(entries: Record<string, string> = {}) {
  const items = new Map(Object.entries(entries));
  return {
    items,
    getItem: (name: string) => items.get(name) ?? null,
    setItem: (name: string, value: string) => void items.set(name, value),
    removeItem: (name: string) => void items.delete(name),
  };
}

describe("createApiKeyStore", () => {
  it("starts from the key the tab stored before a reload", () => {
    const storage = memoryStorage({ [API_KEY_STORAGE_ITEM]: "s3cret" });
    expect(createApiKeyStore({ storage }).get()).toEqual({ key: "s3cret", refusal: null });
  });

  it("ignores a stored value that cannot be sent as a key", () => {
    const storage = memoryStorage({ [API_KEY_STORAGE_ITEM]: "line\nbreak" });
    expect(createApiKeyStore({ storage }).get().key).toBeNull();
  });

  it("stores a saved key, removes it when forgotten or refused", () => {
    const storage = memoryStorage();
    const store = createApiKeyStore({ storage });
    store.dispatch({ type: "saved", key: "s3cret" });
    expect(storage.items.get(API_KEY_STORAGE_ITEM)).toBe("s3cret");
    store.dispatch({ type: "forgotten" });
    expect(storage.items.has(API_KEY_STORAGE_ITEM)).toBe(false);
    store.dispatch({ type: "saved", key: "wrong" });
    store.dispatch({ type: "refused", sentKey: "wrong", message: "Incorrect API key." });
    expect(storage.items.has(API_KEY_STORAGE_ITEM)).toBe(false);
  });

  it("tells subscribers about changes only, and stops when they unsubscribe", () => {
    const store = createApiKeyStore();
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.dispatch({ type: "saved", key: "s3cret" });
    const before = store.get();
    store.dispatch({ type: "refused", sentKey: "stale", message: "Incorrect API key." });
    expect(store.get()).toBe(before);
    expect(calls).toBe(1);
    unsubscribe();
    store.dispatch({ type: "forgotten" });
    expect(calls).toBe(1);
  });

  it("keeps the key in memory when the storage refuses to write", () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
      removeItem: () => {},
    };
    const store = createApiKeyStore({ storage });
    store.dispatch({ type: "saved", key: "s3cret" });
    expect(store.get().key).toBe("s3cret");
  });
});
