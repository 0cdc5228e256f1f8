// What only the desktop shell has, between the Electron main process and the
// renderer: the menu's commands (File > Open scenario... hands the file's
// text over; View toggles presentation mode and the theme), saving a
// scenario or a run's report through the system dialog, and the renderer telling the menu what
// is possible (Export report stays disabled until a report exists). The
// preload exposes it as `window.labShell`; in a browser there is none.
// Every message is validated where it arrives, as the LabApi's are.
import { z } from 'zod';

/** main -> renderer: a menu command. */
export const SHELL_IPC_COMMAND = 'shell:command';
/** renderer -> main (invoke): save scenario text through the save dialog. */
export const SHELL_IPC_SAVE_SCENARIO = 'shell:saveScenario';
/** renderer -> main (invoke): what the menu may offer. */
export const SHELL_IPC_STATE = 'shell:state';
/** renderer -> main (invoke): save a run's report (HTML, JSON or PDF) through the save dialog. */
export const SHELL_IPC_SAVE_REPORT = 'shell:saveReport';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Largest scenario file the shell opens or saves (a scenario is a few KB). */
export const MAX_SCENARIO_BYTES = 1_000_000;

export const shellCommandSchema = z.discriminatedUnion('type', [
  /** File > Open scenario...: the file's text, for the editor to validate and show. */
  z.strictObject({ type: z.literal('scenarioOpened'), fileName: z.string(), format: z.enum(['yaml', 'json']), text: z.string().max(MAX_SCENARIO_BYTES) }),
  /** File > Save scenario...: the renderer answers with saveScenario(its editor's text). */
  z.strictObject({ type: z.literal('saveScenario') }),
  /** File > Export report. */
  z.strictObject({ type: z.literal('exportReport') }),
  z.strictObject({ type: z.literal('presentationMode'), on: z.boolean() }),
  z.strictObject({ type: z.literal('theme'), theme: z.enum(THEMES) }),
]);
export type ShellCommand = z.output<typeof shellCommandSchema>;

export const saveScenarioRequestSchema = z.strictObject({
  text: z.string().max(MAX_SCENARIO_BYTES),
  /** The file name the dialog proposes, e.g. the scenario's name. */
  suggestedName: z.string().min(1).max(200).default('scenario.yaml'),
});
export type SaveScenarioRequest = z.input<typeof saveScenarioRequestSchema>;

export const saveScenarioReplySchema = z.object({ saved: z.boolean(), fileName: z.string().nullable() });
export type SaveScenarioReply = z.output<typeof saveScenarioReplySchema>;

/** PDF is the desktop's alone: Electron prints the HTML report (printToPDF). */
export const SAVED_REPORT_FORMATS = ['html', 'json', 'pdf'] as const;
export type SavedReportFormat = (typeof SAVED_REPORT_FORMATS)[number];

export const saveReportRequestSchema = z.strictObject({
  runId: z.string().min(1).max(200),
  /** What the dialog proposes; the extension the user picks decides (.pdf, .json, else HTML). */
  format: z.enum(SAVED_REPORT_FORMATS).default('html'),
});
export type SaveReportRequest = z.input<typeof saveReportRequestSchema>;

export const saveReportReplySchema = z.object({
  saved: z.boolean(),
  fileName: z.string().nullable(),
  format: z.enum(SAVED_REPORT_FORMATS).nullable(),
});
export type SaveReportReply = z.output<typeof saveReportReplySchema>;

export const shellStateSchema = z.strictObject({ reportsAvailable: z.boolean() });
export type ShellState = z.output<typeof shellStateSchema>;

/** `window.labShell` in the desktop app. */
export interface LabShell {
  /** Menu commands; returns the function that stops listening. */
  onCommand(listener: (command: ShellCommand) => void): () => void;
  saveScenario(request: SaveScenarioRequest): Promise<SaveScenarioReply>;
  setState(state: ShellState): Promise<void>;
  /** Exports a finished run's report through the save dialog (PDF included). */
  saveReport(request: SaveReportRequest): Promise<SaveReportReply>;
}
