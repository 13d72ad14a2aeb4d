export * from './repo.ts';
export * from './audit.ts';
export * from './users.ts';
export * from './sessions.ts';
