export const SEARCH_MAX_LIMIT = 20;

export class SearchPincodes {
  constructor(
    readonly q: string,
    readonly limit = 10,
  ) {}
}
