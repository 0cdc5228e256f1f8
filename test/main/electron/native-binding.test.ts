// Which better-sqlite3 binary loads where (native-binding.ts): Node's own
// build under Node, the Electron-ABI copy in native/electron/ under Electron,
// found from a bundled out/main/ as from the source tree.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { abiMismatchHint, ELECTRON_BINDING, sqliteNativeBinding } from '../../../src/main/engine/store/native-binding.ts';
import { openDatabase } from '../../../src/main/engine/store/open-database.ts';

const root = mkdtempSync(join(tmpdir(), 'queue-lab-native-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const node = { ...process.versions } as NodeJS.ProcessVersions;
const electron = { ...process.versions, electron: '38.8.6' } as NodeJS.ProcessVersions;

describe('better-sqlite3 binding', () => {
  it("under Node: better-sqlite3's default (and it opens a database here)", () => {
    expect(sqliteNativeBinding(node, {}, join(root, 'out', 'main'))).toBeUndefined();
    const db = openDatabase(':memory:');
    expect(db.prepare('SELECT 1 + 1').pluck().get()).toBe(2);
    db.close();
  });

  it('under Electron: native/electron/better_sqlite3.node, looked for upwards from the module; none there: the default', () => {
    const out = join(root, 'out', 'main');
    mkdirSync(out, { recursive: true });
    expect(sqliteNativeBinding(electron, {}, out)).toBeUndefined();
    mkdirSync(join(root, 'native', 'electron'), { recursive: true });
    writeFileSync(join(root, ELECTRON_BINDING), '');
    expect(sqliteNativeBinding(electron, {}, out)).toBe(join(root, ELECTRON_BINDING));
    expect(sqliteNativeBinding(node, { QUEUE_LAB_SQLITE_BINDING: '/x/y.node' }, out)).toBe('/x/y.node');
  });

  it('an ABI mismatch is explained in words', () => {
    const error = new Error("The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115.");
    expect(abiMismatchHint(error, electron)).toMatch(/built for Node, not for Electron 38\.8\.6: native\/electron\/better_sqlite3\.node is missing/);
    expect(abiMismatchHint(error, node)).toMatch(/npm rebuild better-sqlite3/);
    expect(abiMismatchHint(new Error('disk full'), node)).toBeNull();
  });
});
