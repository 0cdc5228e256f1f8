// The renderer entry: connect to the lab (Electron's window.lab or the web
// host's WebSocket), load the built-in library, mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectLabApi } from './api/connect-lab-api.ts';
import { connectDesktopShell } from './api/desktop-shell.ts';
import { App } from './shell/App.tsx';
import { useConnection } from './state/connection-store.ts';
import { errorText, openRun } from './state/run-actions.ts';
import { useRun } from './state/run-store.ts';
import { useScenario } from './state/scenario-store.ts';
import './theme/app.css';
import './theme/layout.css';

async function connect(): Promise<void> {
  try {
    const { api, transport } = await connectLabApi(() => useConnection.setState({ status: 'closed' }));
    useConnection.setState({ api, transport, status: 'connected', error: null });
    try {
      useScenario.getState().setBuiltins(await api.listScenarios());
    } catch (error) {
      useScenario.getState().setBuiltinsError(errorText(error));
    }
    // A class joining a live run (`queue-lab serve --run FILE`, or a reload mid-run) lands on it.
    const active = await api.getActiveRun().catch(() => null);
    const running = active ? await api.getRun({ id: active.runId }).then((r) => r.status === 'running', () => false) : false;
    if (active && running && useRun.getState().runId === null) await openRun(active.runId);
  } catch (error) {
    useConnection.setState({ status: 'failed', error: errorText(error) });
  }
}

const root = document.getElementById('app');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void connect();
  connectDesktopShell(window.labShell);
}
