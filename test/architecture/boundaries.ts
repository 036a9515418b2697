import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

/** Layers every context may use; everything else is a bounded context. */
const SHARED = new Set(['kernel', 'platform']);
/**
 * Provider simulators (contract-faithful fake servers for sandbox mode and tests): infrastructure that
 * only a context's wiring (*.module.ts), its adapters (infrastructure/) and tests may reach.
 */
const SIMULATORS = 'simulators';
const FRAMEWORK_IN_DOMAIN = /^(@nestjs\/|drizzle-orm(\/|$)|fastify(\/|$)|@fastify\/)/;
const IMPORT = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

/** The import specifiers of one TypeScript source (comments removed first). */
export function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

/** Specs, and test-support code kept in a context's `src/testing/` (e.g. the courier adapters' conformance suite). */
function isTestFile(file: string): boolean {
  const parts = file.split('/');
  return /\.spec\.ts$|\.test\.ts$/.test(file) || parts.includes('__tests__') || (parts[0] === 'libs' && parts[2] === 'src' && parts[3] === 'testing');
}

/**
 * Checks one import of one file (path relative to the repository root, with '/').
 * Returns the broken rule, or null when the import is allowed.
 */
export function checkImport(file: string, specifier: string): string | null {
  const parts = file.split('/');
  const inLibs = parts[0] === 'libs';
  const ctx = inLibs ? parts[1] : undefined;
  const inApps = parts[0] === 'apps';

  if (specifier.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    if (inLibs && !target.startsWith(`libs/${ctx}/`)) return `relative import leaves libs/${ctx}`;
    if (inApps && !target.startsWith('apps/')) return 'relative import leaves apps/';
    return null;
  }

  if (ctx && parts[2] === 'src' && parts[3] === 'domain' && FRAMEWORK_IN_DOMAIN.test(specifier)) {
    return 'domain code must be plain TypeScript (no Nest, Drizzle or Fastify)';
  }

  const alias = /^@shipcrowd\/([a-z-]+)(?:\/(.+))?$/.exec(specifier);
  if (!alias) return null;
  const [, target, subpath] = alias;

  if (target === 'platform' && subpath === 'testing') {
    return isTestFile(file) || ctx === 'platform' ? null : '@shipcrowd/platform/testing is for tests only';
  }
  if (subpath !== undefined && subpath !== 'contracts') return `deep import into ${target} (only its index or contracts are public)`;
  if (target === SIMULATORS) {
    if (ctx === 'kernel' || ctx === 'platform') return `${ctx} must not import simulators`;
    const wiring = /\.module\.ts$/.test(file) || parts.includes('infrastructure') || isTestFile(file);
    return !ctx || ctx === SIMULATORS || wiring ? null : 'simulators may be wired only in *.module.ts, infrastructure/ or tests';
  }
  if (ctx === SIMULATORS && !SHARED.has(target)) return `simulators must not import a context (${target})`;
  if (SHARED.has(target)) {
    if (ctx === 'kernel' && target === 'platform') return 'kernel must not depend on platform';
    return null;
  }
  // target is a bounded context
  if (ctx === 'kernel' || ctx === 'platform') return `${ctx} must not import a context (${target})`;
  if (ctx) {
    if (target === ctx) return null;
    return subpath === 'contracts' ? null : `a context imports another only through @shipcrowd/${target}/contracts`;
  }
  if (inApps) return null; // process roots wire contexts' modules together
  return null;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every violation in apps/ and libs/ under `root`. */
export function scanBoundaries(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const top of ['apps', 'libs']) {
    for (const path of walk(join(root, top))) {
      const file = relative(root, path).split(sep).join('/');
      for (const specifier of importsOf(readFileSync(path, 'utf8'))) {
        const rule = checkImport(file, specifier);
        if (rule) violations.push({ file, specifier, rule });
      }
    }
  }
  return violations;
}

export const REPO_ROOT = join(dirname(__filename), '..', '..');
