export { CompaniesModule } from './companies.module';
export { CompaniesHttpModule } from './interface/http/companies-http.module';
export { CompaniesJobsModule } from './interface/jobs/companies-jobs.module';
