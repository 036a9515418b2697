import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page, toPage } from '@shipcrowd/platform';
import { OrderImportsStore } from '../../../infrastructure/persistence/order-imports.store';
import { ImportView, toImportView } from '../../import-view';
import { ListOrderImports } from './list-imports.query';

@QueryHandler(ListOrderImports)
export class ListOrderImportsHandler implements IQueryHandler<ListOrderImports, Page<ImportView>> {
  constructor(private readonly store: OrderImportsStore) {}

  async execute({ companyId, limit, after }: ListOrderImports): Promise<Page<ImportView>> {
    const rows = await this.store.list(companyId, limit, after);
    return toPage(rows.map(toImportView), limit, (v) => ({ createdAt: v.createdAt, id: v.id }));
  }
}
