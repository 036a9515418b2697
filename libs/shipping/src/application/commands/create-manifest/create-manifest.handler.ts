import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { courierProfile } from '@shipcrowd/couriers/contracts';
import { CLOCK, Clock, DomainError, newId, NotFoundError } from '@shipcrowd/kernel';
import { FILE_STORAGE, FileStorage, UnitOfWork } from '@shipcrowd/platform';
import { WAREHOUSES_FACADE, WarehousesFacade } from '@shipcrowd/warehouses/contracts';
import { manifests, pickups, shipments } from '../../../infrastructure/persistence/shipping.schema';
import { ShipmentsStore } from '../../../infrastructure/persistence/shipments.store';
import { DocumentBranding } from '../../documents/document-branding';
import { DocumentPrinter } from '../../ports/document-printer.port';
import { CreateManifest, ManifestRecord } from './create-manifest.command';

const MAX_SHIPMENTS = 500;
export const MANIFEST_LINK_SECONDS = 3600;

/** Lists a courier's waiting shipments at a warehouse on a numbered manifest PDF (stored, linked by signed URL). */
@CommandHandler(CreateManifest)
export class CreateManifestHandler implements ICommandHandler<CreateManifest, ManifestRecord> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ShipmentsStore,
    private readonly printer: DocumentPrinter,
    private readonly branding: DocumentBranding,
    @Inject(WAREHOUSES_FACADE) private readonly warehouses: WarehousesFacade,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, courier, warehouseId, shipmentIds }: CreateManifest): Promise<ManifestRecord> {
    const { companyId } = actor;
    const warehouse = await this.warehouses.get(companyId, warehouseId);
    if (!warehouse) throw new NotFoundError('Warehouse', warehouseId);
    const rows = await this.uow.run({ companyId }, (tx) =>
      tx
        .select()
        .from(shipments)
        .where(
          and(
            eq(shipments.courier, courier),
            eq(shipments.warehouseId, warehouseId),
            isNull(shipments.manifestId),
            sql`${shipments.status} in ('booked', 'pickup_scheduled')`,
            shipmentIds ? inArray(shipments.id, shipmentIds) : undefined,
          ),
        )
        .orderBy(shipments.createdAt)
        .limit(MAX_SHIPMENTS + 1),
    );
    if (shipmentIds) {
      const missing = shipmentIds.filter((id) => !rows.some((r) => r.id === id));
      if (missing.length) {
        throw new DomainError('manifest.shipments_not_eligible', `${missing.length} shipment(s) are not ${courier} shipments at this warehouse waiting for a manifest.`, 'validation', {
          errors: missing.map((id) => ({ field: 'shipmentIds', message: `${id} cannot go on this manifest`, code: 'not_eligible' })),
        });
      }
    }
    if (!rows.length) throw new DomainError('manifest.nothing_to_list', `No ${courier} shipments at ${warehouse.code} are waiting for a manifest.`, 'rule');
    if (rows.length > MAX_SHIPMENTS) throw new DomainError('manifest.too_many', `At most ${MAX_SHIPMENTS} shipments per manifest; pass shipmentIds.`, 'validation');

    const now = this.clock.now();
    const id = newId();
    const manifestNumber = `MF-${now.toISOString().slice(2, 10).replace(/-/g, '')}-${id.slice(-6).toUpperCase()}`;
    const pickupIds = [...new Set(rows.map((r) => r.pickupId).filter((p): p is string => !!p))];
    const pickup = pickupIds.length === 1 ? await this.uow.run({ companyId }, async (tx) => (await tx.select().from(pickups).where(eq(pickups.id, pickupIds[0])))[0]) : undefined;
    const pdf = await this.printer.manifest({
      manifestNumber,
      branding: await this.branding.of(companyId),
      courier: { name: courierProfile(courier)?.name ?? courier },
      warehouse: { code: warehouse.code, name: warehouse.name, phone: warehouse.contactPhone, gstin: warehouse.gstin ?? undefined, address: { lines: [warehouse.addressLine1, warehouse.addressLine2].filter((l): l is string => !!l), city: warehouse.city, state: warehouse.state, pincode: warehouse.pincode } },
      pickup: { id: pickup?.courierPickupId, scheduledAt: pickup ? new Date(`${pickup.pickupDate}T${pickup.pickupTime}:00+05:30`) : now },
      generatedAt: now,
      shipments: rows.map((r) => ({ awb: r.awb!, orderNumber: r.orderNumber, paymentMode: r.paymentMode, codAmountPaise: r.paymentMode === 'cod' ? r.codAmountPaise : undefined, weightGrams: r.chargeableWeightGrams, pieces: 1 + (r.childAwbs?.length ?? 0) })),
    });
    const documentKey = `companies/${companyId}/manifests/${id}.pdf`;
    await this.storage.put(documentKey, pdf, 'application/pdf');

    const record = await this.uow.run({ companyId, userId: actor.userId }, async (tx) => {
      const values = {
        id,
        companyId,
        manifestNumber,
        courier,
        warehouseId,
        pickupId: pickup?.id ?? null,
        shipmentIds: rows.map((r) => r.id),
        shipmentCount: rows.length,
        codTotalPaise: rows.reduce((sum, r) => sum + (r.paymentMode === 'cod' ? r.codAmountPaise : 0), 0),
        documentKey,
        createdBy: actor.userId,
        createdAt: now,
      };
      await tx.insert(manifests).values(values);
      for (const row of rows) {
        const shipment = await this.store.load(tx, row.id);
        if (!shipment) continue;
        shipment.manifested(id, now);
        await this.store.save(tx, shipment);
        await this.uow.publish(shipment.pullEvents());
      }
      return values;
    });
    return { ...manifestView(record), documentUrl: await this.storage.signedUrl(documentKey, MANIFEST_LINK_SECONDS) };
  }
}

export function manifestView(row: typeof manifests.$inferSelect): Omit<ManifestRecord, 'documentUrl'> {
  return {
    id: row.id,
    manifestNumber: row.manifestNumber,
    courier: row.courier,
    warehouseId: row.warehouseId,
    pickupId: row.pickupId,
    shipmentIds: row.shipmentIds,
    shipmentCount: row.shipmentCount,
    codTotalPaise: row.codTotalPaise,
    createdAt: row.createdAt,
  };
}
