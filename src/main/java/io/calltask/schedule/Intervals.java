package io.calltask.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Half-open minute intervals [begin, end) as sorted, disjoint, non-touching lists: the union of a
 * day, the intersection over the week, and a day minus the common part.
 */
final class Intervals {

	record Span(int begin, int end) {
	}

	private Intervals() {
	}

	/** Sorts and merges overlapping or touching spans (09-12 and 12-13 become 09-13). */
	static List<Span> union(List<Span> spans) {
		List<Span> sorted = new ArrayList<>(spans);
		sorted.sort(Comparator.comparingInt(Span::begin));
		List<Span> merged = new ArrayList<>();
		for (Span s : sorted) {
			if (!merged.isEmpty() && s.begin() <= merged.get(merged.size() - 1).end()) {
				Span last = merged.remove(merged.size() - 1);
				merged.add(new Span(last.begin(), Math.max(last.end(), s.end())));
			}
			else {
				merged.add(s);
			}
		}
		return merged;
	}

	/** Both arguments canonical; so is the result. */
	static List<Span> intersect(List<Span> a, List<Span> b) {
		List<Span> out = new ArrayList<>();
		int i = 0;
		int j = 0;
		while (i < a.size() && j < b.size()) {
			int begin = Math.max(a.get(i).begin(), b.get(j).begin());
			int end = Math.min(a.get(i).end(), b.get(j).end());
			if (begin < end) {
				out.add(new Span(begin, end));
			}
			if (a.get(i).end() < b.get(j).end()) {
				i++;
			}
			else {
				j++;
			}
		}
		return out;
	}

	/** {@code a} minus {@code b}, both canonical. */
	static List<Span> subtract(List<Span> a, List<Span> b) {
		List<Span> out = new ArrayList<>();
		for (Span s : a) {
			int cursor = s.begin();
			for (Span cut : b) {
				if (cut.end() <= cursor || cut.begin() >= s.end()) {
					continue;
				}
				if (cut.begin() > cursor) {
					out.add(new Span(cursor, cut.begin()));
				}
				cursor = Math.max(cursor, cut.end());
			}
			if (cursor < s.end()) {
				out.add(new Span(cursor, s.end()));
			}
		}
		return out;
	}

	static boolean contains(List<Span> spans, int minute) {
		for (Span s : spans) {
			if (minute >= s.begin() && minute < s.end()) {
				return true;
			}
		}
		return false;
	}

}
