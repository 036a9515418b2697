/** Bull queues of the platform itself; contexts declare their own next to their processors. */
export const INTEGRATION_EVENTS_QUEUE = 'integration-events';
export const SCHEDULES_QUEUE = 'schedules';
