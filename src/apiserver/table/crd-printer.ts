/**
 * The printer of a custom resource, from its CRD version's `additionalPrinterColumns`: NAME
 * always first, then the declared columns. A CRD that declares none gets AGE, as Kubernetes
 * serves it (apiextensions-apiserver defaults the columns only when the list is empty).
 */
import type { KubeObject } from '../../api/meta.js';
import { age } from './human-duration.js';
import { evaluateJsonPath, formatJsonPathValue, parseJsonPath, type JsonPath } from './json-path.js';
import { column, nameColumn, type Printer } from './printer.js';
import type { Cell } from './table-types.js';

export interface PrinterColumn {
  name: string;
  /** integer, number, string, boolean or date. */
  type: string;
  jsonPath: string;
  description?: string;
  format?: string;
  priority?: number;
}

const AGE: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description: 'How long ago the object was created (its metadata.creationTimestamp).',
};

/** A single value as the column's type, or null when it is not of that type (Kubernetes' cellForJSONValue). */
function typedCell(type: string, value: unknown, now: Date): Cell {
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : age(value, now);
    default:
      return formatJsonPathValue(value);
  }
}

function cell(path: JsonPath | undefined, type: string, object: KubeObject, now: Date): Cell {
  if (!path) return null;
  const values = evaluateJsonPath(path, object);
  if (values.length === 0) return null;
  if (values.length === 1) return typedCell(type, values[0], now);
  return values.map(formatJsonPathValue).join(' ');
}

function compile(jsonPath: string): JsonPath | undefined {
  // The API server validates printer column paths when the CRD is written; one that still
  // fails to parse prints as an empty cell instead of failing the whole list.
  try {
    return parseJsonPath(jsonPath);
  } catch {
    return undefined;
  }
}

export function crdPrinter(declared: readonly PrinterColumn[]): Printer {
  const columns = declared.length > 0 ? declared : [AGE];
  const paths = columns.map((c) => compile(c.jsonPath));
  return {
    columns: [
      nameColumn,
      ...columns.map((c) =>
        column(c.name, {
          type: c.type,
          format: c.format ?? '',
          priority: c.priority ?? 0,
          description: c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
        }),
      ),
    ],
    cells: (o, now) => [o.metadata.name ?? '', ...columns.map((c, i) => cell(paths[i], c.type, o, now))],
  };
}
