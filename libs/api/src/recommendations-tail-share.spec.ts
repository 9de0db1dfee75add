import { startGateway, type RunningGateway } from './server';
import { APP_KEY, fakeServices, memoryLogger, testConfig } from './testing/fake-services';
import { postGraphQL } from './testing/graphql-client';

describe('recommendations(tailShare)', () => {
  let gateway: RunningGateway;
  let fake: ReturnType<typeof fakeServices>;

  beforeAll(async () => {
    fake = fakeServices();
    gateway = await startGateway({ config: testConfig(), services: fake.services, logger: memoryLogger().logger });
  });
  afterAll(() => gateway.stop());

  const ask = (tailShare: unknown) =>
    postGraphQL(gateway.url, 'query($t: Float) { recommendations(userId: "u1", first: 4, tailShare: $t) { product { id } } }', { key: APP_KEY, variables: { t: tailShare } });

  it('passes a share in [0, 1] to the service, and none when absent', async () => {
    for (const share of [0, 0.35, 1]) {
      const { body } = await ask(share);
      expect(body.errors).toBeUndefined();
      expect(fake.calls).toContainEqual(['recommendation.forUser', 'u1', { first: 4, tailShare: share }]);
    }
    fake.calls.length = 0;
    await ask(null);
    const [, , args] = fake.calls.find((c) => c[0] === 'recommendation.forUser')!;
    expect((args as { first: number; tailShare?: number }).first).toBe(4);
    expect((args as { first: number; tailShare?: number }).tailShare).toBeUndefined();
  });

  it('refuses a share outside [0, 1] with BAD_USER_INPUT naming the argument, without calling the service', async () => {
    fake.calls.length = 0;
    for (const share of [-0.1, 1.5]) {
      const { status, body } = await ask(share);
      expect(status).toBe(200);
      expect(body.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0].message).toBe('Invalid argument "tailShare": must be between 0 and 1');
      expect(body.data).toBeNull();
    }
    expect(fake.calls.filter((c) => c[0] === 'recommendation.forUser')).toEqual([]);
  });
});
