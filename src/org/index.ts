export * from './context.ts';
export { MAX_STAFF_CSV_BYTES, loadOrgContext, addDomain, removeDomain, listDomains, listStaff, importStaffCsv, setOrgName, toStaffMember, type StaffImportResult, type RowError } from './service.ts';
export type { StaffRow, DomainRow } from './repo.ts';
