/** Local, contract-faithful stand-ins for third-party APIs, used by tests and by sandbox modes. */
export * from './http-simulator';
export * from './twilio-sms.simulator';
export * from './siteverify.simulator';
export * from './google/google-oauth.simulator';
export * from './couriers';
