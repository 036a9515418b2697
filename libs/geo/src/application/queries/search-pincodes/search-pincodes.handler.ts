import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@shipcrowd/kernel';
import type { PincodeView } from '../../../../contracts';
import { GeoStore } from '../../../infrastructure/persistence/geo-store';
import { SEARCH_MAX_LIMIT, SearchPincodes } from './search-pincodes.query';

@QueryHandler(SearchPincodes)
export class SearchPincodesHandler implements IQueryHandler<SearchPincodes, (PincodeView & { score: number })[]> {
  constructor(private readonly store: GeoStore) {}

  execute({ q, limit }: SearchPincodes): Promise<(PincodeView & { score: number })[]> {
    const text = q.trim();
    if (text.length < 2) {
      throw new DomainError('geo.query_too_short', 'Search text must have at least 2 characters', 'validation', { errors: [{ field: 'q', message: 'must have at least 2 characters', code: 'geo.query_too_short' }] });
    }
    return this.store.search(text.slice(0, 100), Math.min(Math.max(1, limit), SEARCH_MAX_LIMIT));
  }
}
