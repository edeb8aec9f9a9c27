export * from './access-scope.js';
export * from './may-read.js';
export * from './effective-publicity.js';
