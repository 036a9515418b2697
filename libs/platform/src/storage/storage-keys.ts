import { DomainError } from '@shipcrowd/kernel';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/**
 * Object keys are relative paths of safe segments (`companies/<id>/logo/<id>.png`): no leading dot, no
 * `..`, no empty or absolute parts, no backslashes. Checked before any adapter touches the key.
 */
export function assertStorageKey(key: string): string {
  const segments = typeof key === 'string' ? key.split('/') : [];
  if (!key || key.length > 512 || segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..')) {
    throw new DomainError('storage.invalid_key', 'The file key is not valid.', 'validation');
  }
  return key;
}

export function isValidStorageKey(key: string): boolean {
  try {
    assertStorageKey(key);
    return true;
  } catch {
    return false;
  }
}

/** `a/b c.png` → `a/b%20c.png`: each segment encoded, slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
