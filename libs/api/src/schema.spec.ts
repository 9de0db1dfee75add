import { buildSchema, isEnumType } from 'graphql';
import { EVENT_TYPES, JOB_STATES, MODEL_KINDS, MODEL_STATUSES, SOURCES } from '@magpie/contracts';
import { enumResolvers } from './enums';
import { typeDefs } from './schema';

const schema = buildSchema(typeDefs);
const enumValues = (name: string) => {
  const type = schema.getType(name);
  return isEnumType(type) ? type.getValues().map((v) => v.name) : [];
};

describe('schema enums', () => {
  it.each([
    ['EventType', EVENT_TYPES],
    ['Source', SOURCES],
    ['JobState', JOB_STATES],
    ['ModelStatus', MODEL_STATUSES],
  ] as const)('%s has exactly the contract values, upper-cased, each mapped back', (name, values) => {
    expect(enumValues(name)).toEqual(values.map((v) => v.toUpperCase()));
    expect(Object.values(enumResolvers[name])).toEqual([...values]);
  });

  it('ModelKind has exactly the contract kinds', () => {
    expect(enumValues('ModelKind')).toEqual([...MODEL_KINDS]);
  });
});
