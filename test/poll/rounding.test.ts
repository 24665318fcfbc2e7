import { expect } from '@open-wc/testing';
import { percentages } from '../../src/poll/rounding.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('percentages (largest remainder)', () => {
  it('gives three equal thirds 34, 33, 33: the spare point to the first', () => {
    expect(percentages([1, 1, 1])).to.deep.equal([34, 33, 33]);
    expect(percentages([5, 5, 5])).to.deep.equal([34, 33, 33]);
  });

  it('shows 0% everywhere for zero votes, without dividing by zero', () => {
    expect(percentages([0, 0, 0])).to.deep.equal([0, 0, 0]);
    expect(percentages([])).to.deep.equal([]);
  });

  it('rounds 1 vote in 1,000 to 0% and keeps the rest at 100', () => {
    expect(percentages([999, 1])).to.deep.equal([100, 0]);
    expect(percentages([1, 999])).to.deep.equal([0, 100]);
  });

  it('sums to exactly 100 with 7 options of awkward counts', () => {
    const counts = [1, 1, 1, 1, 1, 1, 1];
    const p = percentages(counts);
    expect(p).to.deep.equal([15, 15, 14, 14, 14, 14, 14]);
    expect(sum(p)).to.equal(100);
    const awkward = percentages([13, 7, 29, 3, 11, 5, 2]);
    expect(sum(awkward)).to.equal(100);
    // 13/70 = 18.57, 7/70 = 10, 29/70 = 41.43, 3/70 = 4.29, 11/70 = 15.71, 5/70 = 7.14, 2/70 = 2.86
    expect(awkward).to.deep.equal([19, 10, 41, 4, 16, 7, 3]);
  });

  it('gives a remainder tie to the larger count before the earlier option', () => {
    // 16.67, 66.67, 16.67: floors 16, 66, 16 leave two points for three equal remainders.
    expect(percentages([1, 4, 1])).to.deep.equal([17, 67, 16]);
  });

  it('keeps exact shares exact and rounds each share by at most one point', () => {
    expect(percentages([1, 1, 2])).to.deep.equal([25, 25, 50]);
    for (const counts of [[3, 1, 0], [2, 2, 2, 1], [10, 20, 30, 41], [1, 2, 3, 4, 5, 6, 7]]) {
      const p = percentages(counts);
      const total = sum(counts);
      expect(sum(p)).to.equal(100);
      p.forEach((x, i) => expect(Math.abs(x - (counts[i]! * 100) / total)).to.be.lessThan(1));
    }
  });
});
