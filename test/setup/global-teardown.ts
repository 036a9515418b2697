import { dropTestTemplate } from '../../libs/platform/src/testing/test-database';

export default async function globalTeardown(): Promise<void> {
  await dropTestTemplate();
}
