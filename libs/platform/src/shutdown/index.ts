export * from './graceful-shutdown';
export * from './shutdown-coordinator';
