/**
 * The one error type of src/bundle. Every failure to read or render a bundle names the file,
 * the position and the field concerned, so the controller can put it on the GitRepo as a
 * condition a user can act on without reading logs. All these errors are the user's to fix:
 * retrying the same input gives the same error.
 */

/** Why a bundle could not be read or rendered. One closed list, so callers can switch on it. */
export type BundleErrorReason =
  /** The YAML itself does not parse. */
  | 'InvalidYaml'
  /** A file or YAML document is over the size limit. */
  | 'TooLarge'
  /** YAML nesting is deeper than the limit. */
  | 'TooDeep'
  /** YAML aliases expand past the limit (billion laughs). */
  | 'TooManyAliases'
  /** A key that neither Fleet nor Flotilla knows. */
  | 'UnknownField'
  /** A known key with a value of the wrong type or out of range. */
  | 'InvalidField'
  /** A manifest that is not a Kubernetes object (no apiVersion, kind or name). */
  | 'InvalidManifest'
  /** Two manifests with the same kind, namespace and name. */
  | 'DuplicateObject'
  /** A cluster-scoped object in a bundle that forces a target namespace. */
  | 'ClusterScopedObject'
  /** An overlay named in `yaml.overlays` or a file a `_patch` file patches is missing. */
  | 'OverlayNotFound'
  /** A patch could not be applied. */
  | 'PatchFailed'
  /** `kubectl kustomize` failed. */
  | 'KustomizeFailed'
  /** `helm template` failed: the chart does not render with these values. */
  | 'HelmFailed'
  /** The chart `helm.chart` names is not in the bundle (or was not fetched). */
  | 'ChartNotFound'
  /** A chart or a repository index could not be fetched, or no version matches `helm.version`. */
  | 'ChartFetchFailed'
  /** The bundle needs a feature Flotilla does not implement yet. */
  | 'NotSupported'
  /** Two bundles of one repository resolve to the same Bundle name. */
  | 'DuplicateBundle';

export interface BundleErrorDetails {
  reason: BundleErrorReason;
  /** Path of the file concerned, relative to the repository (or bundle) root. */
  file: string;
  /** 1-based line, when the position is known. */
  line?: number;
  /** 1-based column, when the position is known. */
  column?: number;
  /** Key path inside the file, e.g. `targetCustomizations[0].helm`. */
  field?: string;
  /** What is wrong, for a human. */
  message: string;
  cause?: unknown;
}

export class BundleError extends Error {
  readonly reason: BundleErrorReason;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;

  constructor(details: BundleErrorDetails) {
    super(formatMessage(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BundleError';
    this.reason = details.reason;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.field = details.field;
  }
}

function formatMessage(d: BundleErrorDetails): string {
  const position = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const field = d.field === undefined || d.field === '' ? '' : ` ${d.field}:`;
  return `${position}:${field} ${d.message}`;
}
