export { GeoModule } from './geo.module';
export { GeoHttpModule } from './interface/http/geo-http.module';
