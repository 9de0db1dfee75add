import { describeStoreContract } from './store.contract';
import { createTestStore } from './testing';

describeStoreContract('PostgreSQL', () => createTestStore('postgres'));
