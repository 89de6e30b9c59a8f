/** Batch import (委案批次): reading, recognising and normalising a creditor's file, alike on the desk and the hub. */
export * from './types';
export * from './text';
export * from './fields';
export * from './checker';
export * from './encoding';
export * from './csv';
export * from './source';
export * from './report';
export * as normalize from './normalize';
