package io.calltask.dialer.spi;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What any gateway reports of the bot's results reaches the engine only as a grade and an http(s) address, or null. */
class CallEventTests {

	private static CallEvent.HungUp hungUp(String intention, String recordingUrl) {
		return CallEvent.HungUp.billed(UUID.randomUUID(), Instant.EPOCH, "NORMAL_CLEARING", Instant.EPOCH, 1000)
			.leaving(intention, recordingUrl);
	}

	@Test
	void anIntentionIsOneGradeFromAToF() {
		for (String grade : new String[] { "A", "B", "C", "D", "E", "F" }) {
			assertThat(hungUp(grade, null).intention()).isEqualTo(grade);
		}
		assertThat(hungUp(" d ", null).intention()).isEqualTo("D");
		for (String notAGrade : new String[] { "G", "Z", "AB", "", " ", "1", "Ａ", "A+" }) {
			assertThat(hungUp(notAGrade, null).intention()).as(notAGrade).isNull();
		}
		assertThat(hungUp(null, null).intention()).isNull();
	}

	@Test
	void aRecordingIsAnHttpOrHttpsAddressOfAtMost1000Characters() {
		assertThat(hungUp(null, "http://recordings.invalid/abc.wav").recordingUrl())
			.isEqualTo("http://recordings.invalid/abc.wav");
		assertThat(hungUp(null, " HTTPS://rec.example.com:8443/a/b.mp3?t=1 ").recordingUrl())
			.isEqualTo("HTTPS://rec.example.com:8443/a/b.mp3?t=1");
		String longest = "https://rec.example.com/" + "a".repeat(1000 - 24);
		assertThat(hungUp(null, longest).recordingUrl()).hasSize(1000);
		assertThat(hungUp(null, longest + "a").recordingUrl()).as("too long: dropped, not cut").isNull();
		for (String notOne : new String[] { "ftp://rec.example.com/a.wav", "file:///tmp/a.wav", "/recordings/a.wav",
				"rec.example.com/a.wav", "http://", "http:///a.wav", "http://rec.example.com/a b.wav",
				"http://rec.example.com/a\nb", "javascript:alert(1)", "" }) {
			assertThat(hungUp(null, notOne).recordingUrl()).as(notOne).isNull();
		}
	}

}
