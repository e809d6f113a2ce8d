import { describe, expect, it } from 'vitest';
import { formatScore, points, pointsOutOf } from '../../../src/lib/format/points.ts';

describe('score words', () => {
	it('show at most one decimal', () => {
		expect(formatScore(11.45)).toBe('11.5');
		expect(formatScore(0.65)).toBe('0.7');
		expect(formatScore(2)).toBe('2');
		expect(formatScore(1.999)).toBe('2');
		expect(formatScore(0.04)).toBe('0');
		expect(formatScore(-0.01)).toBe('0');
	});

	it('use the singular for exactly one point', () => {
		expect(points(1)).toBe('1 point');
		expect(points(0.96)).toBe('1 point');
		expect(points(0)).toBe('0 points');
		expect(points(0.5)).toBe('0.5 points');
		expect(points(14)).toBe('14 points');
	});

	it('say a score out of a maximum', () => {
		expect(pointsOutOf(0.65, 1)).toBe('0.7 / 1 point');
		expect(pointsOutOf(11.45, 14, ' of ')).toBe('11.5 of 14 points');
	});
});
