import { Module } from '@nestjs/common';
import { IdentityModule } from '../../identity.module';
import { IdentitySchedules } from './identity.schedules';

/** The worker's identity schedules. */
@Module({ imports: [IdentityModule], providers: [IdentitySchedules] })
export class IdentityJobsModule {}
