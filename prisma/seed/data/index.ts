// The demo organisation as plain data (no server code): tests may import it.
export * from './people';
export * from './catalogue';
export * from './environments';
export * from './policy';
export * from './releases';
export * from './trains';
