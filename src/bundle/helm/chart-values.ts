/**
 * The values one render passes to `helm template`: the bundle's `helm.valuesFiles` in order,
 * then `helm.values` inline, each merged over the last as Helm coalesces values files
 * (maps merge key by key, anything else is replaced, `null` removes a key). The chart's own
 * values.yaml is merged under all of it by helm itself. Values files are read from the
 * bundle's files, never from disk, and parsed with the same limits as any YAML from git.
 */
import { deepMerge, isPlainObject } from '../../api/deep-merge.js';
import type { HelmOptions } from '../../api/helm-options.js';
import { BundleError } from '../bundle-error.js';
import { parseYamlDocuments, type YamlLimits } from '../safe-yaml.js';

export type Values = { [key: string]: unknown };

/** `override` merged over `base`, as Helm coalesces values; neither is changed. */
export function mergeValues(base: Values, override: Values): Values {
  return deepMerge(base, override);
}

function readValuesFile(path: string, files: ReadonlyMap<string, Buffer>, index: number, limits?: Partial<YamlLimits>): Values {
  const content = files.get(path.replace(/^\.\//, ''));
  if (content === undefined) {
    throw new BundleError({ reason: 'ChartNotFound', file: 'fleet.yaml', field: `helm.valuesFiles[${index}]`, message: `values file ${path} is not in the bundle` });
  }
  const docs = parseYamlDocuments(content.toString('utf8'), { file: path, ...(limits ? { limits } : {}) }).filter((d) => d.value !== null);
  let merged: Values = {};
  for (const doc of docs) {
    if (!isPlainObject(doc.value)) throw new BundleError({ reason: 'InvalidField', file: path, ...doc.position, message: 'a values file must hold a map' });
    merged = mergeValues(merged, doc.value);
  }
  return merged;
}

/** The values of one render, from the options and the bundle's files. */
export function chartValues(helm: HelmOptions | undefined, files: ReadonlyMap<string, Buffer>, limits?: Partial<YamlLimits>): Values {
  let values: Values = {};
  (helm?.valuesFiles ?? []).forEach((path, i) => {
    values = mergeValues(values, readValuesFile(path, files, i, limits));
  });
  return helm?.values ? mergeValues(values, helm.values) : values;
}
