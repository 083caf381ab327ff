/**
 * Kubernetes' `meta.k8s.io/v1` Table, the answer to
 * `Accept: application/json;as=Table;g=meta.k8s.io;v=v1` that `kubectl get` prints.
 */
import type { KubeObject, ObjectMeta } from '../../api/meta.js';

export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** An OpenAPI format hint: `name` marks the object's name column. */
  format: string;
  description: string;
  /** 0 for default columns; higher for `-o wide` only. */
  priority: number;
}

export type Cell = string | number | boolean | null;

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: Cell[];
  object?: KubeObject | PartialObjectMetadata;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** `includeObject` of Kubernetes' TableOptions: what each row carries besides its cells. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';
