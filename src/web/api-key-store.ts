const KEY = 'position-sentinel.api-key';

/** The API key lives for the browser session only: closing the tab forgets it. */
export const apiKeyStore = {
  read: (): string | null => sessionStorage.getItem(KEY),
  write: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};
