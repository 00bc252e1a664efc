// The demo organisation: data (./data), its dated plan (./plan) and the writer (./write).
export * from './data';
export { planDemo } from './plan';
export { seedDemo } from './write';
