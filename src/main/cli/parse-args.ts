// node:util parseArgs with our error wording: an unknown or malformed flag is
// a usage error (exit 2) that names the flag and shows the usage.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/^Unknown option '(.+?)'.*$/s, 'unknown option $1');
    throw new UsageError(`${message}\n\n${usage}`);
  }
}
