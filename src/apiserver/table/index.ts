/**
 * kubectl's Table output for the embedded API server (`meta.k8s.io/v1` Table): the columns
 * and cells `kubectl get` prints for built-in kinds and for custom resources' printer columns,
 * AGE as Kubernetes' HumanDuration, and the JSONPath subset printer columns use. Pure: the
 * HTTP server negotiates the media type and serves what `toTable` returns.
 */
export { toTable, printerFor, type TableResource, type ToTableOptions } from './to-table.js';
export { crdPrinter, type PrinterColumn } from './crd-printer.js';
export { humanDuration, age } from './human-duration.js';
export { parseJsonPath, evaluateJsonPath, formatJsonPathValue, type JsonPath } from './json-path.js';
export type { Printer } from './printer.js';
export type { Cell, IncludeObject, PartialObjectMetadata, Table, TableColumnDefinition, TableRow } from './table-types.js';
