import { Module } from '@nestjs/common';
import { CouriersSchedules } from './couriers.schedules';

/** The worker's couriers jobs: the daily re-seal of credentials. Needs CouriersModule (global) at the process root. */
@Module({ providers: [CouriersSchedules] })
export class CouriersJobsModule {}
