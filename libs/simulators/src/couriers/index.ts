export * from './courier-simulator-server';
export * from './delhivery.simulator';
export * from './parcel-book';
