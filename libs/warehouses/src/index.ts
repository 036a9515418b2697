export { WarehousesModule } from './warehouses.module';
export { WarehousesHttpModule } from './interface/http/warehouses-http.module';
