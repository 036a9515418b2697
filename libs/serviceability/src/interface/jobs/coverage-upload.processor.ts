import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Job, Queue } from 'bull';
import { requestContext } from '@shipcrowd/platform';
import { ProcessCoverageUpload } from '../../application/commands/process-coverage-upload/process-coverage-upload.command';
import { COVERAGE_UPLOADS_QUEUE, CoverageUploadJob } from '../../application/commands/start-coverage-upload/start-coverage-upload.handler';

/** Runs coverage uploads one at a time (each is hundreds of thousands of rows applied in one transaction). */
@Injectable()
export class CoverageUploadProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('serviceability');

  constructor(
    private readonly commands: CommandBus,
    @InjectQueue(COVERAGE_UPLOADS_QUEUE) private readonly queue: Queue<CoverageUploadJob>,
  ) {}

  onApplicationBootstrap(): void {
    void this.queue.process(1, (job: Job<CoverageUploadJob>) =>
      requestContext.run({ requestId: `coverage-upload:${job.data.uploadId}` }, () => this.commands.execute(new ProcessCoverageUpload(job.data.uploadId))),
    ).catch((error) => this.logger.error({ err: error }, 'coverage upload processor stopped'));
  }
}
