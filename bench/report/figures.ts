/**
 * A result table's rows: one figure measured on Flotilla and on a peer, and their ratio
 * oriented so that above 1 always means Flotilla did better (Flotilla/peer where higher is
 * better, peer/Flotilla where lower is better). A figure the run could not measure stays
 * null and shows as "not measured"; nothing is estimated.
 */
export type Better = 'higher' | 'lower';

export interface FigureRow {
  figure: string;
  unit: string;
  better: Better;
  flotilla: number | null;
  peer: number | null;
  /** > 1 means Flotilla is better; null when either side was not measured. */
  ratio: number | null;
}

export function figureRow(input: { figure: string; unit: string; better: Better; flotilla: number | undefined; peer: number | undefined }): FigureRow {
  const flotilla = measured(input.flotilla);
  const peer = measured(input.peer);
  return { figure: input.figure, unit: input.unit, better: input.better, flotilla, peer, ratio: ratioOf(input.better, flotilla, peer) };
}

function measured(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

function ratioOf(better: Better, flotilla: number | null, peer: number | null): number | null {
  if (flotilla === null || peer === null) return null;
  const [numerator, denominator] = better === 'higher' ? [flotilla, peer] : [peer, flotilla];
  return denominator > 0 ? numerator / denominator : null;
}

export const notMeasured = 'not measured';

/** Figures at a precision their noise deserves: three significant digits, thousands grouped. */
export function formatFigure(value: number | null): string {
  if (value === null) return notMeasured;
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

export function formatRatio(ratio: number | null): string {
  return ratio === null ? notMeasured : `${ratio.toFixed(2)}×`;
}
