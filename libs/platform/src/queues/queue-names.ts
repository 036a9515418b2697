/** Bull queues of the platform itself; contexts declare their own next to their processors. */
export const SCHEDULES_QUEUE = 'schedules';
