package io.calltask.dialer.pacing;

/** The predictive controller's one equation (this package's documentation, step 2). */
final class Asks {

	private Asks() {
	}

	/**
	 * The expected asks {@code u} with {@code u + z·√(u(1-q) + v) = s}: asks from calls that each ask with
	 * {@code q}, {@code z} standard deviations short of (or, below 0, beyond) the {@code s} seats expected
	 * with variance {@code v}. Never below 0.
	 */
	static double solve(double s, double v, double q, double z) {
		if (z == 0) {
			return s;
		}
		double a = z * z * (1 - q);
		double b = 2 * s + a;
		double root = Math.sqrt(Math.max(0, b * b - 4 * (s * s - z * z * v)));
		double u = z > 0 ? (b - root) / 2 : (b + root) / 2;
		return Math.max(0, u);
	}

}
