/**
 * `.fleetignore`: files a bundle leaves out, with gitignore semantics per directory. A
 * `.fleetignore` applies to its own directory and everything below it; a pattern without
 * a `/` matches a file or directory name at any depth, one with a `/` is anchored to the
 * `.fleetignore`'s directory, a trailing `/` matches directories only, `!` re-includes, and
 * an ignored directory ignores everything inside it. Fleet's own subset (names, `dir/*`)
 * behaves the same under these rules.
 */
import micromatch from 'micromatch';

interface IgnoreRule {
  pattern: string;
  negated: boolean;
  anchored: boolean;
  directoryOnly: boolean;
}

/** Rules per directory (relative to the bundle root, '' for the root). */
export type IgnoreRules = ReadonlyMap<string, readonly IgnoreRule[]>;

export const FLEETIGNORE = '.fleetignore';

/** Parses the text of one `.fleetignore`. */
export function parseFleetIgnore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    // Trailing spaces are dropped unless escaped with a backslash.
    let line = raw.replace(/(?<!\\)\s+$/, '').replace(/\\ /g, ' ');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    if (line.startsWith('\\')) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.replace(/\/+$/, '');
    const anchored = line.includes('/');
    line = line.replace(/^\/+/, '');
    if (line !== '') rules.push({ pattern: line, negated, anchored, directoryOnly });
  }
  return rules;
}

/** Collects the rules of every `.fleetignore` among `files` (paths relative to the bundle root). */
export function collectIgnoreRules(files: ReadonlyArray<{ path: string; content: Buffer }>): IgnoreRules {
  const rules = new Map<string, IgnoreRule[]>();
  for (const f of files) {
    const parts = f.path.split('/');
    if (parts[parts.length - 1] !== FLEETIGNORE) continue;
    rules.set(parts.slice(0, -1).join('/'), parseFleetIgnore(f.content.toString('utf8')));
  }
  return rules;
}

function ruleMatches(rule: IgnoreRule, relative: string, isDirectory: boolean): boolean {
  if (rule.directoryOnly && !isDirectory) return false;
  const subject = rule.anchored ? relative : (relative.split('/').pop() ?? relative);
  return micromatch.isMatch(subject, rule.pattern, { dot: true });
}

/** Last matching rule wins, across `.fleetignore` files from the shallowest to the deepest. */
function decide(path: string, isDirectory: boolean, rules: IgnoreRules): boolean {
  const segments = path.split('/');
  let ignored = false;
  for (let depth = 0; depth < segments.length; depth += 1) {
    const dir = segments.slice(0, depth).join('/');
    const relative = segments.slice(depth).join('/');
    for (const rule of rules.get(dir) ?? []) {
      if (ruleMatches(rule, relative, isDirectory)) ignored = !rule.negated;
    }
  }
  return ignored;
}

/** True when the file at `path` (relative to the bundle root) is ignored, itself or through a parent directory. */
export function isIgnored(path: string, rules: IgnoreRules): boolean {
  if (rules.size === 0) return false;
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i += 1) {
    if (decide(segments.slice(0, i).join('/'), true, rules)) return true;
  }
  return decide(path, false, rules);
}
