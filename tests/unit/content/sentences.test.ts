import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/lib/content/sentences.ts';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
	it.each([
		[
			'The U.S. confirmed the reports on Wednesday. Pyongyang denied them.',
			['The U.S. confirmed the reports on Wednesday.', 'Pyongyang denied them.']
		],
		[
			'Leaders attended the summit in Washington, D.C., in July. It was the latest one.',
			['Leaders attended the summit in Washington, D.C., in July.', 'It was the latest one.']
		],
		['He flew to Washington, D.C. The next day he left.', ['He flew to Washington, D.C.', 'The next day he left.']],
		['Mr. Smith met U.S. President Biden. It rained.', ['Mr. Smith met U.S. President Biden.', 'It rained.']],
		['Dr. Lee spoke. Gen. Park agreed.', ['Dr. Lee spoke.', 'Gen. Park agreed.']],
		['The U.S. and South Korea agreed.', ['The U.S. and South Korea agreed.']],
		[
			'They called it “groundless rumours.” Seoul disagreed.',
			['They called it “groundless rumours.”', 'Seoul disagreed.']
		],
		[
			'Some papers, e.g. The Times, ran it. Others, i.e. The Post, did not.',
			['Some papers, e.g. The Times, ran it.', 'Others, i.e. The Post, did not.']
		],
		['Is it true? Nobody knows! Maybe.', ['Is it true?', 'Nobody knows!', 'Maybe.']],
		['One sentence without a full stop', ['One sentence without a full stop']],
		[
			'South Korea said Tuesday it would consider supplying arms to Kyiv after Seoul’s spy agency alleged that North Korea has sent up to 3,000 special forces soldiers.',
			[
				'South Korea said Tuesday it would consider supplying arms to Kyiv after Seoul’s spy agency alleged that North Korea has sent up to 3,000 special forces soldiers.'
			]
		]
	])('%s', (text, expected) => {
		expect(split(text)).toEqual(expected);
	});

	it('gives ranges without surrounding white space', () => {
		const text = '  First one.   Second one.  ';
		expect(splitSentences(text)).toEqual([
			{ start: 2, end: 12 },
			{ start: 15, end: 26 }
		]);
	});
});

describe('long paragraphs', () => {
	const sample =
		'U.S. officials met Mr. Smith in Washington, D.C. on Tuesday. He said the talks, e.g. on trade, went well. "We agreed," he said! Did they? The U.S. Army said so. ';

	it('split exactly as their parts would, however long they are', () => {
		const one = splitSentences(sample.trim());
		const times = 500;
		const long = sample.repeat(times).trim();
		const spans = splitSentences(long);
		expect(spans).toHaveLength(one.length * times);
		for (let i = 0; i < times; i++) {
			for (let j = 0; j < one.length; j++) {
				const span = spans[i * one.length + j]!;
				expect(long.slice(span.start, span.end)).toBe(sample.slice(one[j]!.start, one[j]!.end));
			}
		}
	});

	it('reach the segmenter only in bounded pieces, so splitting stays linear', () => {
		const seen: number[] = [];
		const original = Intl.Segmenter.prototype.segment;
		Intl.Segmenter.prototype.segment = function (input: string) {
			seen.push(input.length);
			return original.call(this, input);
		};
		try {
			const noEnds = 'word '.repeat(80_000);
			const spans = splitSentences(noEnds.trim());
			expect(spans).toEqual([{ start: 0, end: noEnds.trim().length }]);
			splitSentences(sample.repeat(2000));
		} finally {
			Intl.Segmenter.prototype.segment = original;
		}
		expect(Math.max(...seen)).toBeLessThanOrEqual(4000);
	});
});
