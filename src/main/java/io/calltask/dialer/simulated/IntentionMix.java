package io.calltask.dialer.simulated;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The grades the simulated bot gives answered calls, with their weights:
 * {@code calltask.dialer.simulated.intentions}, {@code grade:weight} pairs separated by commas
 * ({@code A:0.1,B:0.2,C:0.3,D:0.2,E:0.1,F:0.1}). Weights are relative (they need not add up to 1);
 * an empty mix grades no call.
 */
final class IntentionMix {

	private final String[] grades;

	/** Running totals of the weights, in the order given. */
	private final double[] upTo;

	private IntentionMix(String[] grades, double[] upTo) {
		this.grades = grades;
		this.upTo = upTo;
	}

	/** Reads the setting, or throws IllegalArgumentException saying what is wrong with it. */
	static IntentionMix parse(String text) {
		String setting = "calltask.dialer.simulated.intentions";
		Map<String, Double> weights = new LinkedHashMap<>();
		if (text != null && !text.isBlank()) {
			for (String pair : text.split(",", -1)) {
				String[] parts = pair.strip().split(":", -1);
				if (parts.length != 2) {
					throw new IllegalArgumentException(setting + ": '" + pair.strip()
							+ "' is not grade:weight (e.g. A:0.1,B:0.2,C:0.3,D:0.2,E:0.1,F:0.1)");
				}
				String grade = parts[0].strip();
				if (!grade.matches("[A-F]")) {
					throw new IllegalArgumentException(setting + ": grade '" + grade + "' is not one of A to F");
				}
				double weight;
				try {
					weight = Double.parseDouble(parts[1].strip());
				}
				catch (NumberFormatException ex) {
					weight = Double.NaN;
				}
				if (!Double.isFinite(weight) || weight < 0) {
					throw new IllegalArgumentException(setting + ": weight of " + grade + " '" + parts[1].strip()
							+ "' is not a number of 0 or more");
				}
				if (weights.put(grade, weight) != null) {
					throw new IllegalArgumentException(setting + ": grade " + grade + " is given twice");
				}
			}
		}
		double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
		if (!weights.isEmpty() && total <= 0) {
			throw new IllegalArgumentException(setting + ": the weights add up to 0; leave it empty to grade no call");
		}
		String[] grades = weights.keySet().toArray(String[]::new);
		double[] upTo = new double[grades.length];
		double sum = 0;
		for (int i = 0; i < grades.length; i++) {
			sum += weights.get(grades[i]) / total;
			upTo[i] = sum;
		}
		return new IntentionMix(grades, upTo);
	}

	boolean gradesCalls() {
		return grades.length > 0;
	}

	/** The grade drawn by {@code r} in [0, 1); null if the mix is empty. */
	String grade(double r) {
		for (int i = 0; i < grades.length; i++) {
			if (r < upTo[i]) {
				return grades[i];
			}
		}
		// r at or past the last running total (rounding): the last grade with a weight.
		for (int i = grades.length - 1; i >= 0; i--) {
			if (i == 0 ? upTo[0] > 0 : upTo[i] > upTo[i - 1]) {
				return grades[i];
			}
		}
		return null;
	}

}
