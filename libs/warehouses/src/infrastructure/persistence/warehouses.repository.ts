import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { updateVersioned, UnitOfWork } from '@shipcrowd/platform';
import { Warehouse, WarehouseProps } from '../../domain/warehouse';
import { WarehouseRepository } from '../../domain/warehouse.repository';
import { warehouses } from './warehouses.schema';

export type WarehouseRow = typeof warehouses.$inferSelect;

export function propsFromRow(row: WarehouseRow): WarehouseProps {
  const { id: _id, version: _version, ...props } = row;
  return props;
}

export function warehouseFromRow(row: WarehouseRow): Warehouse {
  return Warehouse.restore(row.id, row.version, propsFromRow(row));
}

const live = (companyId: string) => and(eq(warehouses.companyId, companyId), isNull(warehouses.deletedAt));

@Injectable()
export class DrizzleWarehouseRepository extends WarehouseRepository {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  private async one(where: ReturnType<typeof and>): Promise<Warehouse | null> {
    const [row] = await this.uow.tx().select().from(warehouses).where(where).limit(1);
    return row ? warehouseFromRow(row) : null;
  }

  find(companyId: string, id: string): Promise<Warehouse | null> {
    return this.one(and(live(companyId), eq(warehouses.id, id)));
  }

  findByCode(companyId: string, code: string): Promise<Warehouse | null> {
    return this.one(and(live(companyId), eq(warehouses.code, code.toUpperCase())));
  }

  findDefault(companyId: string): Promise<Warehouse | null> {
    return this.one(and(live(companyId), eq(warehouses.isDefault, true)));
  }

  async count(companyId: string): Promise<number> {
    const [row] = await this.uow.tx().select({ n: count() }).from(warehouses).where(live(companyId));
    return Number(row.n);
  }

  async listAll(companyId: string): Promise<Warehouse[]> {
    const rows = await this.uow.tx().select().from(warehouses).where(live(companyId)).orderBy(asc(warehouses.createdAt), asc(warehouses.id));
    return rows.map(warehouseFromRow);
  }

  async lockCompany(companyId: string): Promise<void> {
    await this.uow.tx().execute(sql`select pg_advisory_xact_lock(hashtext('warehouses'), hashtext(${companyId}))`);
  }

  async insert(warehouse: Warehouse): Promise<void> {
    await this.uow.tx().insert(warehouses).values({ id: warehouse.id, version: warehouse.version, ...warehouse.props });
    await this.uow.publish(warehouse.pullEvents());
  }

  async save(warehouse: Warehouse): Promise<void> {
    const { companyId: _companyId, createdAt: _createdAt, ...changes } = warehouse.props;
    const version = await updateVersioned(this.uow.tx(), warehouses, 'Warehouse', warehouse.id, warehouse.version, changes);
    warehouse.markSaved(version);
    await this.uow.publish(warehouse.pullEvents());
  }
}
