import type { Quote } from '../../contracts';

/**
 * A quote's JSON, made once per quote object as UTF-8 bytes: the cache stores them and the HTTP answer sends them,
 * and a cached quote is answered again with the same bytes instead of being serialised (and encoded) per request.
 */
const serialised = new WeakMap<Quote, Buffer>();

export function quoteBytes(quote: Quote): Buffer {
  let bytes = serialised.get(quote);
  if (bytes === undefined) serialised.set(quote, (bytes = Buffer.from(JSON.stringify(quote), 'utf8')));
  return bytes;
}

/** The quote read back from its JSON bytes (a shared cache), remembering those bytes. */
export function quoteFromBytes(bytes: Buffer): Quote {
  const quote = JSON.parse(bytes.toString('utf8')) as Quote;
  serialised.set(quote, bytes);
  return quote;
}
