package io.calltask.dialer.simulated;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The simulated bot's grades: drawn with the configured weights, and a setting that cannot be read stops the start. */
class IntentionMixTests {

	@Test
	void gradesAreDrawnWithTheirWeights() {
		IntentionMix mix = IntentionMix.parse(SimulatedGateway.Settings.DEFAULT_INTENTIONS);
		Random random = new Random(7);
		Map<String, Integer> drawn = new TreeMap<>();
		for (int i = 0; i < 10_000; i++) {
			drawn.merge(mix.grade(random.nextDouble()), 1, Integer::sum);
		}
		assertThat(drawn).containsOnlyKeys("A", "B", "C", "D", "E", "F");
		assertThat(drawn.get("C")).as("C:0.3 of 10,000").isBetween(2_800, 3_200);
		assertThat(drawn.get("A")).as("A:0.1 of 10,000").isBetween(850, 1_150);
	}

	@Test
	void weightsAreRelativeAndAZeroWeightIsNeverDrawn() {
		IntentionMix mix = IntentionMix.parse(" A:0 , B:3,C:1 ");
		assertThat(mix.grade(0.0)).isEqualTo("B");
		assertThat(mix.grade(0.74)).isEqualTo("B");
		assertThat(mix.grade(0.76)).isEqualTo("C");
		assertThat(mix.grade(Math.nextDown(1.0))).isEqualTo("C");
		assertThat(IntentionMix.parse("D:1,F:0").grade(Math.nextDown(1.0))).isEqualTo("D");
		assertThat(IntentionMix.parse("").gradesCalls()).isFalse();
	}

	@Test
	void aSettingThatCannotBeReadSaysWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> IntentionMix.parse("A:0.5,G:0.5"))
			.withMessageContaining("calltask.dialer.simulated.intentions")
			.withMessageContaining("'G' is not one of A to F");
		assertThatIllegalArgumentException().isThrownBy(() -> IntentionMix.parse("A=0.5"))
			.withMessageContaining("'A=0.5' is not grade:weight");
		assertThatIllegalArgumentException().isThrownBy(() -> IntentionMix.parse("A:lots"))
			.withMessageContaining("weight of A 'lots'");
		assertThatIllegalArgumentException().isThrownBy(() -> IntentionMix.parse("A:-1")).withMessageContaining("weight of A");
		assertThatIllegalArgumentException().isThrownBy(() -> IntentionMix.parse("A:1,A:2"))
			.withMessageContaining("grade A is given twice");
		assertThatIllegalArgumentException().isThrownBy(() -> IntentionMix.parse("A:0,B:0"))
			.withMessageContaining("add up to 0");
		assertThatIllegalArgumentException().isThrownBy(() -> IntentionMix.parse("A:1,"))
			.withMessageContaining("'' is not grade:weight");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SimulatedGateway.Settings(0.6, 0.1, 0.05, 3000, 20000, 0, "A:1,b:1"))
			.withMessageContaining("grade 'b'");
	}

}
