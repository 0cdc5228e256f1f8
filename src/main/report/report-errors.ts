/** A report asked for something that cannot be: an unknown run, a missing folder. Exit 2, no stack. */
export class ReportInputError extends Error {
  readonly exitCode = 2;
}

/** PDF export needs a Chromium that is not installed: exit 1 with what to do instead. */
export class PdfUnavailableError extends Error {
  readonly exitCode = 1;
}
