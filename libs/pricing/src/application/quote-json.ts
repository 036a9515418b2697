import type { Quote } from '../../contracts';

/**
 * A quote's JSON text, made once per quote object: the cache stores it and the HTTP answer sends it, and a cached
 * quote is answered again with the same text instead of being serialised per request.
 */
const serialised = new WeakMap<Quote, string>();

export function quoteJson(quote: Quote): string {
  let json = serialised.get(quote);
  if (json === undefined) serialised.set(quote, (json = JSON.stringify(quote)));
  return json;
}

/** The quote read back from its JSON text (a shared cache), remembering that text. */
export function quoteFromJson(json: string): Quote {
  const quote = JSON.parse(json) as Quote;
  serialised.set(quote, json);
  return quote;
}
