// The LabApi contract against each transport there is: the in-process
// server, and the browser WebSocket client talking to a real web host over a
// real socket. (Electron IPC will add its own line here.)
import WebSocket from 'ws';
import { afterAll } from 'vitest';
import { createLabApiServer } from '../../../src/main/web/lab-api-server.ts';
import { connectWsLabClient, labSocketUrl } from '../../../src/shared/lab-api/ws-client.ts';
import { describeLabApiContract } from './lab-api-contract.ts';
import { cleanUp, openLab, startHost, tempLabFile } from './web-helpers.ts';

afterAll(cleanUp);

describeLabApiContract('in-process', async () => {
  const server = createLabApiServer({ db: openLab(tempLabFile()), pollMs: 20 });
  return { api: server.api, close: () => server.close() };
});

describeLabApiContract('WebSocket', async () => {
  const host = await startHost();
  const client = await connectWsLabClient(labSocketUrl(host.url), { WebSocket });
  return {
    api: client,
    close: async () => {
      client.close();
      await host.close();
    },
  };
});
