import './messages.ts';
export * from './repo.ts';
export * from './service.ts';
export * from './channels.ts';
export * from './delivery.ts';
