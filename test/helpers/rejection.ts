import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/index.js';

/** The AdapterError that `p` rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejection(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(AdapterError);
    return e as AdapterError;
  }
  throw new Error('expected the call to reject');
}
