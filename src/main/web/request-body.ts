// Reading a JSON request body with a size limit. Over the limit the answer is
// 413 at once; the rest of the upload is read and thrown away (so the client,
// still sending, gets to read the answer instead of a reset connection), up
// to a point past which the connection is cut.
import type { IncomingMessage } from 'node:http';

/** Request bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;
/** An upload still going past this after a 413 is not a mistake: cut it. */
const DISCARD_BYTES = 16 * 1024 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string };

export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const tooLarge: BodyResult = { ok: false, status: 413, message: `body: larger than the ${limit / 1024} KB limit` };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    discard(req, 0);
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      discard(req, size);
      resolve(tooLarge);
    };
    const onEnd = () => resolve(parse(Buffer.concat(chunks).toString('utf8')));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => resolve({ ok: false, status: 400, message: 'body: the upload broke off' }));
  });
}

function discard(req: IncomingMessage, already: number): void {
  let seen = already;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DISCARD_BYTES) req.socket.destroy();
  });
  req.resume();
}

function parse(text: string): BodyResult {
  if (text.trim() === '') return { ok: false, status: 400, message: 'body: expected a JSON object, got nothing' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, status: 400, message: `body: not valid JSON (${(error as Error).message})` };
  }
}
