import './messages.ts';
export * from './repo.ts';
export * from './decoys.ts';
export * from './config.ts';
export * from './recorder.ts';
export * from './canary.ts';
export * from './portal.ts';
export * from './service.ts';
export * from './lookup.ts';
