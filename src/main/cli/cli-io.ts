/** Where a command writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(line: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
