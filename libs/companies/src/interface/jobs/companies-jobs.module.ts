import { Module } from '@nestjs/common';
import { CompaniesModule } from '../../companies.module';
import { CompaniesSchedules } from './companies.schedules';

/** The worker's companies schedules. */
@Module({ imports: [CompaniesModule], providers: [CompaniesSchedules] })
export class CompaniesJobsModule {}
