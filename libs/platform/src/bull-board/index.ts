export * from './bull-board.auth';
export * from './bull-board.module';
