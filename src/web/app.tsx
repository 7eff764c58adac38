import { useEffect, useState } from 'preact/hooks';
import { apiKeyStore } from './api-key-store.js';
import { Dashboard } from './dashboard.js';
import { KeyPrompt } from './key-prompt.js';
import { useLiveDashboard } from './use-live-dashboard.js';

/**
 * The page: the dashboard, or the key prompt when the service wants a key it does not have. A key
 * typed into the prompt is kept for the session only once the service has accepted it.
 */
export function App() {
  const [apiKey, setApiKey] = useState<string | null>(() => apiKeyStore.read());
  // A stored key was accepted before; a typed one is being checked until the page goes live.
  const [accepted, setAccepted] = useState(apiKey !== null);
  // Counts submissions, so the same key typed again is tried again.
  const [tries, setTries] = useState(0);
  const live = useLiveDashboard(apiKey, tries);
  const { link } = live;

  useEffect(() => {
    if (link.kind === 'online' && apiKey !== null && !accepted) {
      apiKeyStore.write(apiKey);
      setAccepted(true);
    }
    if (link.kind === 'unauthorized') {
      apiKeyStore.clear();
      setAccepted(false);
    }
  }, [link, apiKey, accepted]);

  const tryKey = (key: string) => {
    setApiKey(key);
    setTries((n) => n + 1);
  };
  if (link.kind === 'unauthorized') {
    return <KeyPrompt reason={link.refused ? 'refused' : 'needed'} onKey={tryKey} />;
  }
  if (apiKey !== null && !accepted) {
    return <KeyPrompt reason={link.kind === 'offline' ? 'unreachable' : 'checking'} onKey={tryKey} />;
  }
  return (
    <Dashboard
      live={live}
      apiKey={apiKey}
      onForgetKey={() => {
        apiKeyStore.clear();
        setAccepted(false);
        setApiKey(null);
      }}
    />
  );
}
