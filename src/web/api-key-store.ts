const KEY = 'position-sentinel.api-key';

/**
 * The API key lives in the tab's session storage: it survives a reload, closing the tab forgets
 * it. Storage can be unavailable (privacy settings); the page then asks again after a reload.
 */
export const apiKeyStore = {
  read(): string | null {
    try {
      return sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  write(key: string): void {
    try {
      sessionStorage.setItem(KEY, key);
    } catch {
      // kept in memory only
    }
  },
  clear(): void {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // nothing stored
    }
  },
};
