/**
 * How benchmark results are reported: figure rows with ratios oriented so > 1 means Flotilla
 * did better, text and markdown tables, the run's machine and commit, and the result files
 * in bench/results/<date>-<commit>-<benchmark>.{json,md}.
 */
export { figureRow, formatFigure, formatRatio, notMeasured, type Better, type FigureRow } from './figures.js';
export { markdownTable, textTable, type TableLabels } from './table.js';
export { collectRunInfo, type RunInfo } from './run-info.js';
export { resultBaseName, writeResults, type WrittenResults } from './results-file.js';
export {
  apiserverFigures,
  apiserverMarkdown,
  apiserverResult,
  apiserverTableLabels,
  type ApiserverParameters,
  type ApiserverResult,
} from './apiserver-result.js';
