export { GeoModule } from './geo.module';
export { GeoHttpModule } from './interface/http/geo-http.module';
export { GeoJobsModule } from './interface/jobs/geo-jobs.module';
