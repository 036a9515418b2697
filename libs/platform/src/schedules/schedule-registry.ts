import { Injectable } from '@nestjs/common';
import { CronTime } from 'cron';
import { ScheduleDefinition } from './schedule.types';

const NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/** Every schedule this process knows: declared with @Scheduled on providers, or registered here directly. */
@Injectable()
export class ScheduleRegistry {
  private readonly definitions = new Map<string, ScheduleDefinition>();

  register(definition: ScheduleDefinition): void {
    if (!NAME.test(definition.name)) throw new Error(`schedule name '${definition.name}' must be dotted lower-case, e.g. 'outbox.prune-published'`);
    if (this.definitions.has(definition.name)) throw new Error(`schedule '${definition.name}' is declared twice`);
    try {
      new CronTime(definition.cron, definition.timeZone ?? 'UTC');
    } catch (error) {
      throw new Error(`schedule '${definition.name}' has an invalid cron '${definition.cron}': ${(error as Error).message}`);
    }
    this.definitions.set(definition.name, definition);
  }

  get(name: string): ScheduleDefinition | undefined {
    return this.definitions.get(name);
  }

  list(): ScheduleDefinition[] {
    return [...this.definitions.values()];
  }
}
