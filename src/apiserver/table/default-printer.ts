/**
 * The columns Kubernetes shows for a kind without a printer of its own (CustomResourceDefinition,
 * LimitRange, ...): NAME and CREATED AT.
 */
import { createdAt, createdAtColumn, nameColumn, type Printer } from './printer.js';

export const defaultPrinter: Printer = {
  columns: [nameColumn, createdAtColumn],
  cells: (o) => [o.metadata.name ?? '', createdAt(o)],
};
