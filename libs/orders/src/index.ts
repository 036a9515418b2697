export { OrdersModule } from './orders.module';
export { OrdersHttpModule } from './interface/http/orders-http.module';
