import { expect } from '@open-wc/testing';
import { RestAdapter } from '../src/index.js';
import { mockBackend } from './helpers/msw.js';

describe('test setup', () => {
  it('serves the mock backend through the service worker', async () => {
    const { endpoint } = await mockBackend({ maxLength: 321 });
    const session = await new RestAdapter({ endpoint }).getSession();
    expect(session.maxLength).to.equal(321);
  });
});
