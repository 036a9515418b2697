import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, DomainError, FieldError, newId } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { checkWarehouseInput, MAX_WAREHOUSES_PER_COMPANY, PincodeFacts, Warehouse, WarehouseDetails } from '../../../domain/warehouse';
import { columnOfField, warehouseFromCsvRecord } from '../../../domain/warehouse-csv';
import { WarehouseRepository } from '../../../domain/warehouse.repository';
import { companyScope } from '../../actor';
import { PincodeDirectory, tooManyWarehouses, WarehousesAudit } from '../../warehouses-support';
import { ImportWarehouses, ImportWarehousesResult } from './import-warehouses.command';

/** At most this many problems are listed in one error (the file may have more). */
const MAX_LISTED_ERRORS = 200;

interface CheckedRow {
  line: number;
  details: WarehouseDetails;
  isDefault: boolean;
  active: boolean;
}

@CommandHandler(ImportWarehouses)
export class ImportWarehousesHandler implements ICommandHandler<ImportWarehouses, ImportWarehousesResult> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: WarehouseRepository,
    private readonly directory: PincodeDirectory,
    private readonly audit: WarehousesAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, records }: ImportWarehouses): Promise<ImportWarehousesResult> {
    if (records.length === 0) throw new DomainError('warehouses.import_empty', 'The file has a header but no warehouses.', 'validation', { errors: [{ field: 'file', message: 'has no data rows', code: 'empty' }] });
    if (records.length > MAX_WAREHOUSES_PER_COMPANY) throw tooManyWarehouses(MAX_WAREHOUSES_PER_COMPANY);
    const { rows, errors } = await this.check(records);
    if (errors.length > 0) {
      throw new DomainError('warehouses.import_invalid', `${errors.length} problem(s) in the file; nothing was imported.`, 'validation', { errors: errors.slice(0, MAX_LISTED_ERRORS) });
    }
    return this.uow.run(companyScope(actor), async () => {
      await this.repo.lockCompany(actor.companyId);
      const existing = new Map((await this.repo.listAll(actor.companyId)).map((w) => [w.code, w]));
      const now = this.clock.now();
      const creating = rows.filter((r) => !existing.has(r.details.code));
      if (existing.size + creating.length > MAX_WAREHOUSES_PER_COMPANY) throw tooManyWarehouses(MAX_WAREHOUSES_PER_COMPANY);
      const wantedDefault = rows.find((r) => r.isDefault)?.details.code ?? null;
      const currentDefault = [...existing.values()].find((w) => w.props.isDefault) ?? null;
      const newDefault = wantedDefault ?? currentDefault?.code ?? rows[0].details.code;
      const inactiveDefault = rows.find((r) => r.details.code === newDefault && !r.active);
      if (inactiveDefault) {
        throw new DomainError('warehouses.import_invalid', 'The default warehouse cannot be inactive; nothing was imported.', 'validation', { errors: [{ field: `rows[${inactiveDefault.line}].active`, message: 'the default warehouse must be active', code: 'inactive_default' }] });
      }
      // Give up the default first: the unique index allows one default at a time.
      if (currentDefault && currentDefault.code !== newDefault) {
        currentDefault.yieldDefault(now);
        await this.repo.save(currentDefault);
      }
      let created = 0;
      let updated = 0;
      for (const row of rows) {
        const found = existing.get(row.details.code);
        const isDefault = row.details.code === newDefault;
        if (found) {
          found.describe(row.details, now);
          if (row.active) found.activate(now);
          if (isDefault) found.makeDefault(now);
          else if (!row.active) found.deactivate(now);
          await this.repo.save(found);
          updated++;
        } else {
          const warehouse = Warehouse.open(newId(), actor.companyId, row.details, isDefault, now);
          if (!row.active) warehouse.deactivate(now);
          await this.repo.insert(warehouse);
          created++;
        }
      }
      await this.audit.record(actor, 'warehouses.imported', actor.companyId, null, null, { created, updated, codes: rows.map((r) => r.details.code), defaultCode: newDefault });
      return { created, updated, defaultCode: newDefault };
    });
  }

  private async check(records: ImportWarehouses['records']): Promise<{ rows: CheckedRow[]; errors: FieldError[] }> {
    const errors: FieldError[] = [];
    const rows: CheckedRow[] = [];
    const facts = new Map<string, PincodeFacts | null>();
    const codes = new Map<string, number>();
    let defaultLine: number | null = null;
    for (const { line, cells } of records) {
      const at = (column: string) => `rows[${line}].${column}`;
      const { row, errors: cellErrors } = warehouseFromCsvRecord(cells);
      const rowErrors = cellErrors.map((e) => ({ ...e, field: at(e.field) }));
      const pincode = row.input.pincode.trim();
      if (!facts.has(pincode)) facts.set(pincode, await this.directory.facts(pincode));
      const { details, errors: fieldErrors } = checkWarehouseInput(row.input, facts.get(pincode) ?? null);
      rowErrors.push(...fieldErrors.map((e) => ({ ...e, field: at(columnOfField(e.field)) })));
      if (details) {
        const seen = codes.get(details.code);
        if (seen !== undefined) rowErrors.push({ field: at('code'), message: `${details.code} also appears on line ${seen}`, code: 'duplicate_code' });
        codes.set(details.code, line);
      }
      if (row.isDefault) {
        if (defaultLine !== null) rowErrors.push({ field: at('is_default'), message: `line ${defaultLine} is already marked as the default`, code: 'several_defaults' });
        defaultLine = defaultLine ?? line;
      }
      if (rowErrors.length > 0 || !details) errors.push(...rowErrors);
      else rows.push({ line, details, isDefault: row.isDefault, active: row.active });
    }
    return { rows, errors };
  }
}
