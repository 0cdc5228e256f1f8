// The LabApi over Electron IPC, without Electron: the main-side adapter
// (serveLabIpc) and the preload's client on an in-memory IPC pair, the
// client passed across a fake contextBridge that drops error fields as the
// real one does, and the renderer's rehydrateLabApi on the far side. The
// whole LabApi contract runs through that chain; then what only IPC has:
// the sender check, envelopes, and subscriptions ending with their window.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appOrigins, isAppUrl } from '../../../src/main/ipc/electron-policy.ts';
import { serveLabIpc, validateIpcRequest } from '../../../src/main/ipc/ipc-lab-server.ts';
import { createLabApiServer } from '../../../src/main/web/lab-api-server.ts';
import { createIpcLabClient } from '../../../src/preload/ipc-lab-client.ts';
import { forBridge, labApiErrorFrom, rehydrateLabApi } from '../../../src/shared/lab-api/bridge-error.ts';
import { LAB_IPC_CALL, LAB_IPC_EVENTS } from '../../../src/shared/lab-api/ipc-protocol.ts';
import { LabApiError, type LabApi } from '../../../src/shared/lab-api/lab-api.ts';
import { CONTRACT_SCENARIO, describeLabApiContract } from '../web/lab-api-contract.ts';
import { cleanUp, eventually, openLab, tempLabFile } from '../web/web-helpers.ts';
import { acrossBridge, FakeIpcMain, FakeWindow } from './fake-ipc.ts';

afterAll(cleanUp);

const origins = appOrigins(undefined);
const isAllowedSender = (url: string): boolean => isAppUrl(url, origins);

function labOverIpc(url = APP_INDEX_URL) {
  const server = createLabApiServer({ db: openLab(tempLabFile()), pollMs: 20 });
  const main = new FakeIpcMain();
  const logged: string[] = [];
  const stop = serveLabIpc(main, server, { isAllowedSender, log: (l) => logged.push(l) });
  const win = new FakeWindow(main, url);
  // The page's window.lab, as the renderer uses it.
  const api: LabApi = rehydrateLabApi(acrossBridge(forBridge(createIpcLabClient(win.renderer))));
  return { server, main, win, api, logged, close: async () => { stop(); await server.close(); } };
}

describeLabApiContract('Electron IPC (in-memory ipcMain/ipcRenderer, contextBridge copy)', async () => {
  const lab = labOverIpc();
  return { api: lab.api, close: lab.close };
});

describe('LabApi over IPC: what only IPC has', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  const open = (url?: string) => {
    const lab = labOverIpc(url);
    closers.push(lab.close);
    return lab;
  };

  it('answers only frames of our app: another origin, a file:// page, or a frame that is gone get forbidden, and nothing runs', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/index.html', 'app://other/index.html', 'http://127.0.0.1:4780/']) {
      const lab = open(url);
      const e = await lab.api.listRuns().catch((error: unknown) => error);
      expect(e, url).toBeInstanceOf(LabApiError);
      expect(e).toMatchObject({ code: 'forbidden' });
      expect(await lab.server.api.listRuns()).toEqual([]);
      expect(lab.logged.join('\n')).toContain(JSON.stringify(url));
    }
    const gone = open();
    gone.win.frameUrl = null;
    expect(await gone.api.listRuns().catch((e: unknown) => e)).toMatchObject({ code: 'forbidden' });
  });

  it('every message is validated: not an envelope, an unknown method and bad params each get their code', async () => {
    const lab = open();
    const raw = (payload: unknown) => lab.win.renderer.invoke(LAB_IPC_CALL, payload);
    expect(await raw('listRuns')).toMatchObject({ ok: false, error: { code: 'bad_message', field: 'message' } });
    expect(await raw({ method: 'listRuns', params: {}, extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_message', field: 'extra' } });
    expect(await raw({ method: 'dropTables' })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await raw({ method: 'getRun', params: { id: 5 } })).toMatchObject({ ok: false, error: { code: 'bad_params', field: 'id' } });
    expect(await raw({ method: 'subscribeEvents', params: { runId: 'x' } })).toMatchObject({ ok: false, error: { code: 'bad_params', field: 'subscription' } });
    expect(await raw({ method: 'listRuns' })).toEqual({ ok: true, result: [] });
  });

  it('errors keep code and field across the bridge; a plain Error reads as internal', async () => {
    const lab = open();
    const e = await lab.api.getRun({ id: 'nope' }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(LabApiError);
    expect(e).toMatchObject({ code: 'not_found', field: 'id', message: 'no run "nope" in this lab' });
    expect(labApiErrorFrom(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(labApiErrorFrom(new Error('[bad_params limit] limit: too big'))).toMatchObject({ code: 'bad_params', field: 'limit', message: 'limit: too big' });
    expect(labApiErrorFrom(new Error('[not_a_code] x'))).toMatchObject({ code: 'internal', message: '[not_a_code] x' });
  });

  it('a window that goes away takes its subscriptions with it; pushes are validated by the client', async () => {
    const lab = open();
    const s = await lab.api.runInstant({ scenario: CONTRACT_SCENARIO as Record<string, unknown> });
    let got = 0;
    await lab.api.subscribeEvents({ runId: s.run_id }, (batch) => (got += batch.events.length));
    await eventually(() => got === s.events, 'the stored events');
    lab.win.destroy();
    const [dead] = await lab.server.api.listDead({ runId: s.run_id });
    await lab.server.api.retryDead({ runId: s.run_id, jobId: dead!.jobId });
    await new Promise((r) => setTimeout(r, 150));
    expect(lab.win.sent.filter((m) => m.channel === LAB_IPC_EVENTS).reduce((n, m) => n + (m.message as { events: unknown[] }).events.length, 0)).toBe(s.events);
  });

  it('validateIpcRequest: the sender check comes first', () => {
    expect(validateIpcRequest('https://evil.example/', { method: 'listRuns' }, isAllowedSender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(validateIpcRequest(APP_INDEX_URL, { method: 'listRuns' }, isAllowedSender)).toEqual({ ok: true, request: { method: 'listRuns' } });
  });
});
