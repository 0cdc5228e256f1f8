// queue-lab scenarios [--json]: the built-in library.
import { BUILTIN_SCENARIOS } from '../../../shared/library/index.ts';
import { EXIT } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { SCENARIOS_USAGE } from '../usage.ts';

export async function scenariosCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean', default: false } }, SCENARIOS_USAGE);
  if (values.json) {
    io.out(JSON.stringify(BUILTIN_SCENARIOS.map(({ key, title, source, teaches, notice, scenario }) => ({ key, title, source, teaches, notice, scenario }))));
    return EXIT.ok;
  }
  const width = Math.max(...BUILTIN_SCENARIOS.map((s) => s.key.length));
  for (const s of BUILTIN_SCENARIOS) io.out(`${s.key.padEnd(width)}  ${s.title}\n${' '.repeat(width)}  ${s.teaches}`);
  return EXIT.ok;
}
