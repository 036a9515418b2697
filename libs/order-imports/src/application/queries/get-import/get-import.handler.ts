import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@shipcrowd/kernel';
import { OrderImportsStore } from '../../../infrastructure/persistence/order-imports.store';
import { ImportView, toImportView } from '../../import-view';
import { GetOrderImport } from './get-import.query';

@QueryHandler(GetOrderImport)
export class GetOrderImportHandler implements IQueryHandler<GetOrderImport, ImportView> {
  constructor(private readonly store: OrderImportsStore) {}

  async execute({ companyId, importId }: GetOrderImport): Promise<ImportView> {
    const row = await this.store.get(companyId, importId);
    if (!row) throw new DomainError('order_import.not_found', 'No such order import.', 'not_found');
    return toImportView(row);
  }
}
