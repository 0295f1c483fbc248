export * from './personal-data';
export * from './url';
