import { createHash } from 'node:crypto';

/** "Chrome on Windows" style label from a user agent; good enough for a sessions list. */
export function deviceLabel(userAgent: string | undefined | null): string {
  if (!userAgent) return 'Unknown device';
  return `${browserOf(userAgent)} on ${osOf(userAgent)}`;
}

function browserOf(ua: string): string {
  if (/Edg\//.test(ua)) return 'Edge';
  if (/OPR\/|Opera/.test(ua)) return 'Opera';
  if (/SamsungBrowser/.test(ua)) return 'Samsung Internet';
  if (/Firefox\//.test(ua)) return 'Firefox';
  if (/Chrome\//.test(ua)) return 'Chrome';
  if (/Safari\//.test(ua)) return 'Safari';
  if (/curl\//i.test(ua)) return 'curl';
  return 'Unknown browser';
}

function osOf(ua: string): string {
  if (/Android/.test(ua)) return 'Android';
  if (/iPhone|iPad|iPod/.test(ua)) return 'iOS';
  if (/Windows/.test(ua)) return 'Windows';
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS';
  if (/Linux/.test(ua)) return 'Linux';
  return 'unknown OS';
}

/** IPv4 → its /24 network, IPv6 → its /48; so a phone hopping addresses in one network stays "known". */
export function networkOf(ip: string | undefined | null): string {
  if (!ip) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::/48`;
  return ip;
}

/**
 * What "the same device" means for new-sign-in alerts: SHA-256 of the device label (browser family + OS)
 * and the network (/24 or /48). Deliberately coarse: a browser update or a new address in the same network
 * is not a new device; another browser, OS or network is.
 */
export function deviceFingerprint(userAgent: string | undefined | null, ip: string | undefined | null): string {
  return createHash('sha256').update(`${deviceLabel(userAgent)}|${networkOf(ip)}`).digest('hex');
}
