export { PricingModule } from './pricing.module';
export { PricingHttpModule } from './interface/http/pricing-http.module';
export { PricingJobsModule } from './interface/jobs/pricing-jobs.module';
export { ActivateDueRateCards } from './application/commands/rate-card-lifecycle/rate-card-lifecycle.commands';
