/**
 * Secrets as Kubernetes stores them: `stringData` is a write-only convenience merged into
 * `data` (base64) and never stored itself.
 */
import type { ResourceHook } from '../rest/resource-hooks.js';

export const secretHook: ResourceHook = {
  beforeWrite(obj) {
    const stringData = obj.stringData as Record<string, unknown> | undefined;
    if (stringData === undefined) return;
    const data = { ...(obj.data as Record<string, string> | undefined) };
    for (const [key, value] of Object.entries(stringData ?? {})) data[key] = Buffer.from(String(value)).toString('base64');
    obj.data = data;
    delete obj.stringData;
  },
};
