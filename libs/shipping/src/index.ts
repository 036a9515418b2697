export { ShippingModule } from './shipping.module';
export { ShippingHttpModule } from './interface/http/shipping-http.module';
export { ShippingJobsModule } from './interface/jobs/shipping-jobs.module';
export { TRACKING_POLL_SCHEDULE } from './interface/jobs/tracking.schedules';
