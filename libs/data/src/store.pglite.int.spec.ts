import { describeStoreContract } from './store.contract';
import { closeIdleTestDatabases, createTestStore } from './testing';

// The first store initialises PGlite in WASM (seconds); later ones reuse it with a fresh schema.
jest.setTimeout(60_000);
afterAll(() => closeIdleTestDatabases());

describeStoreContract('PGlite', () => createTestStore('pglite'));
