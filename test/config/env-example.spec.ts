import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { configSchema, loadConfig } from '@shipcrowd/platform';

const FILE = join(__dirname, '..', '..', '.env.example');
const ASSIGNMENT = /^#?\s*([A-Z][A-Z0-9_]*)=/;

interface Entry {
  key: string;
  line: number;
  active: boolean;
  described: boolean;
}

/** Every `KEY=value` and commented-out `# KEY=value` in the file, and whether a description comment sits right above it. */
export function parseEnvExample(text: string): Entry[] {
  const lines = text.split('\n');
  const entries: Entry[] = [];
  lines.forEach((raw, index) => {
    const match = ASSIGNMENT.exec(raw.trim());
    if (!match) return;
    const above = (lines[index - 1] ?? '').trim();
    entries.push({ key: match[1], line: index + 1, active: !raw.trim().startsWith('#'), described: above.startsWith('#') && !ASSIGNMENT.test(above) && above.replace(/^#\s*/, '').length > 3 });
  });
  return entries;
}

function schemaKeys(): string[] {
  return Object.keys((configSchema as unknown as { shape: Record<string, unknown> }).shape);
}

describe('.env.example', () => {
  const text = readFileSync(FILE, 'utf8');
  const entries = parseEnvExample(text);

  it('documents every variable of the config schema', () => {
    const documented = new Set(entries.map((e) => e.key));
    expect(schemaKeys().filter((key) => !documented.has(key))).toEqual([]);
  });

  it('has no variables the config schema does not know', () => {
    const known = new Set(schemaKeys());
    expect(entries.filter((e) => !known.has(e.key)).map((e) => `${e.key} (line ${e.line})`)).toEqual([]);
  });

  it('lists each variable once, with a comment right above it', () => {
    const keys = entries.map((e) => e.key);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
    expect(entries.filter((e) => !e.described).map((e) => `${e.key} (line ${e.line})`)).toEqual([]);
  });

  it('holds values the schema accepts', () => {
    const active = parse(text); // comment lines (and the commented-out variables) are not parsed
    expect(() => loadConfig(active)).not.toThrow();
  });

  it('the checker notices a missing comment and an unknown key', () => {
    const bad = parseEnvExample('# Port\nPORT=1\nHOST=x\n# Something\nNOT_A_SETTING=1\n');
    expect(bad.find((e) => e.key === 'HOST')?.described).toBe(false);
    expect(bad.find((e) => e.key === 'PORT')?.described).toBe(true);
    expect(bad.map((e) => e.key)).toContain('NOT_A_SETTING');
  });
});
