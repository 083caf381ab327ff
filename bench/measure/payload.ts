/**
 * The body every peer stores: a ConfigMap of the requested payload size, as a client sends it
 * to Flotilla. etcd stores these same bytes as the value, as kube-apiserver would keep the
 * object under `/registry/configmaps/<namespace>/<name>`, so both peers write equal sizes.
 * The payload is pseudo-random text derived from the name: it does not compress to nothing
 * and is the same on every run.
 */
export function configMapBody(options: { name: string; namespace: string; sizeBytes: number }): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: options.name, namespace: options.namespace, labels: { app: 'flotilla-bench' } },
    data: { payload: pseudoRandomText(options.name, options.sizeBytes) },
  });
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function pseudoRandomText(seed: string, length: number): string {
  // xorshift32 seeded with a string hash: cheap, deterministic, and enough to defeat compression.
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  state ||= 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state & 63];
  }
  return out;
}
