export * from './repo.ts';
export * from './walk.ts';
export * from './scanner.ts';
export * from './register.ts';
export * from './report.ts';
export * from './diff.ts';
export { havePdftotext, pdfText } from './pdftotext.ts';
export * from './service.ts';
