package io.calltask.dialer.number;

import java.util.ArrayList;
import java.util.List;

import io.calltask.dialer.number.Numbers.ImportResult;
import io.calltask.dialer.number.Numbers.InvalidRow;
import io.calltask.task.NumberMoves;

/**
 * One import as its rows arrive: invalid phones are counted and reported (the first
 * {@value #MAX_INVALID_ROWS}), valid ones go to the {@link NumberInsert}. A reader that finds the
 * request itself invalid calls {@link #stopWriting}: the rest is only checked, and the caller's
 * transaction is rolled back by the 422 that follows.
 */
final class NumberImport {

	public static final int MAX_INVALID_ROWS = 1000;

	private static final int MAX_SHOWN_PHONE = 64;

	private final NumberInsert insert;

	private final List<InvalidRow> invalidRows = new ArrayList<>();

	private long rows;

	private long valid;

	private long invalid;

	private boolean writing = true;

	public NumberImport(NumberInsert insert) {
		this.insert = insert;
	}

	/** Row {@code row} (1-based) with the phone as sent and its variables' canonical JSON (or null). */
	public void add(long row, String phone, String variablesJson) {
		rows++;
		String problem = PhoneNumbers.problem(phone);
		if (problem != null) {
			invalid++;
			if (invalidRows.size() < MAX_INVALID_ROWS) {
				invalidRows.add(new InvalidRow(row, shown(phone), problem));
			}
			return;
		}
		valid++;
		if (writing) {
			insert.add(phone.strip(), variablesJson);
		}
	}

	public void stopWriting() {
		writing = false;
	}

	public long rows() {
		return rows;
	}

	/** Writes what is left; the counts of the whole import. */
	public ImportResult finish() {
		insert.flush();
		return new ImportResult(insert.accepted(), valid - insert.accepted(), invalid, List.copyOf(invalidRows));
	}

	/** Numbers stored: {@code pending} ones open, blacklisted ones {@code filtered}. */
	public NumberMoves moves() {
		return new NumberMoves(insert.accepted() - insert.filtered(), 0, 0, insert.filtered());
	}

	private static String shown(String phone) {
		if (phone == null) {
			return "";
		}
		return phone.length() <= MAX_SHOWN_PHONE ? phone : phone.substring(0, MAX_SHOWN_PHONE) + "…";
	}

}
