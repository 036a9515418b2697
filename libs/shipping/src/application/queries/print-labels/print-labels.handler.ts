import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { inArray } from 'drizzle-orm';
import { COURIERS_FACADE, CouriersFacade, type CourierCode } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock, DomainError, NotFoundError } from '@shipcrowd/kernel';
import { UnitOfWork } from '@shipcrowd/platform';
import { shipments } from '../../../infrastructure/persistence/shipping.schema';
import { DocumentBranding } from '../../documents/document-branding';
import { labelViewsOf } from '../../documents/label-views';
import { DocumentPrinter } from '../../ports/document-printer.port';
import { LABEL_PRINTABLE, labelFormatFor } from './label-rules';
import { PrintLabels } from './print-labels.query';

@QueryHandler(PrintLabels)
export class PrintLabelsHandler implements IQueryHandler<PrintLabels, Buffer> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly printer: DocumentPrinter,
    private readonly branding: DocumentBranding,
    @Inject(COURIERS_FACADE) private readonly couriers: CouriersFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ companyId, shipmentIds, format, kind }: PrintLabels): Promise<Buffer> {
    const rows = await this.uow.run({ companyId }, (tx) => tx.select().from(shipments).where(inArray(shipments.id, [...shipmentIds])));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = shipmentIds.filter((id) => !byId.has(id));
    if (missing.length === 1 && shipmentIds.length === 1) throw new NotFoundError('Shipment', missing[0]);
    const problems = [
      ...missing.map((id) => ({ field: 'shipmentIds', message: `${id} was not found`, code: 'not_found' })),
      ...rows.filter((r) => !LABEL_PRINTABLE[kind].has(r.status)).map((r) => ({ field: 'shipmentIds', message: `${r.id} is ${r.status}: no ${kind === 'rto' ? 'return (RTO) ' : ''}label to print`, code: 'not_printable' })),
    ];
    if (problems.length) throw new DomainError('label.not_printable', `${problems.length} shipment(s) have no label to print.`, shipmentIds.length === 1 ? 'conflict' : 'validation', { errors: problems });
    const labelFormat = labelFormatFor([...new Set(shipmentIds)].map((id) => byId.get(id)!), format, (courier) => this.couriers.capabilities(courier as CourierCode).labelSizes);
    const branding = await this.branding.of(companyId);
    const now = this.clock.now();
    const views = shipmentIds.flatMap((id) => {
      const { version: _v, ...snapshot } = byId.get(id)!;
      return labelViewsOf({ ...snapshot, childAwbs: snapshot.childAwbs ?? [] }, branding, now, kind);
    });
    if (views.length > 500) throw new DomainError('label.too_many', `At most 500 labels per PDF; these shipments have ${views.length} boxes.`, 'validation');
    return this.printer.labels(views, labelFormat);
  }
}
