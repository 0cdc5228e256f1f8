// How each compared run is drawn: a colour and a dash pattern, so runs differ
// by more than colour (UI.md: never colour alone). Okabe-Ito hues; run A takes
// the lighter blue on the dark theme, where the deep blue would fade into
// the background.
export interface RunStyle {
  color: string;
  dash?: string;
}

const LIGHT: readonly RunStyle[] = [
  { color: '#0072B2' },
  { color: '#D55E00', dash: '8 4' },
  { color: '#009E73', dash: '2 3' },
  { color: '#A8528A', dash: '10 3 2 3' },
];

const DARK: readonly RunStyle[] = [
  { color: '#56B4E9' },
  { color: '#E69F00', dash: '8 4' },
  { color: '#2BC79A', dash: '2 3' },
  { color: '#CC79A7', dash: '10 3 2 3' },
];

export function runStyle(index: number, theme: 'light' | 'dark'): RunStyle {
  const palette = theme === 'dark' ? DARK : LIGHT;
  return palette[index % palette.length]!;
}
