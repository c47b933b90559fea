package io.calltask.freeswitch.esl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.calltask.freeswitch.FakeChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decoder cuts FreeSWITCH's exact bytes into frames however TCP splits them: each test feeds
 * the bytes the switch writes (from the reference, or from the peer's event writer).
 */
class EslFrameDecoderTests {

	private static final String NOTICE = "Content-Type: text/disconnect-notice\nContent-Length: 67\n\n"
			+ "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

	private static final String JOB = "Content-Type: command/reply\nReply-Text: +OK Job-UUID: 7f4db78a-17d7-11dd-b7a0-db4edd065621\n"
			+ "Job-UUID: 7f4db78a-17d7-11dd-b7a0-db4edd065621\n\n";

	@Test
	void readsTheAuthRequest() {
		EslFrame frame = single("Content-Type: auth/request\n\n");
		assertThat(frame.contentType()).isEqualTo("auth/request");
		assertThat(frame.firstLine()).isEqualTo("Content-Type: auth/request");
		assertThat(frame.body()).isEmpty();
		assertThat(frame.isEvent()).isFalse();
		assertThat(frame.ok()).isFalse();
	}

	@Test
	void readsCommandReplies() {
		EslFrame accepted = single("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
		assertThat(accepted.contentType()).isEqualTo("command/reply");
		assertThat(accepted.replyText()).isEqualTo("+OK accepted");
		assertThat(accepted.ok()).isTrue();

		EslFrame refused = single("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n");
		assertThat(refused.replyText()).isEqualTo("-ERR invalid");
		assertThat(refused.ok()).isFalse();

		EslFrame job = single(JOB);
		assertThat(job.ok()).isTrue();
		assertThat(job.replyText()).isEqualTo("+OK Job-UUID: 7f4db78a-17d7-11dd-b7a0-db4edd065621");
		assertThat(job.header("Job-UUID")).isEqualTo("7f4db78a-17d7-11dd-b7a0-db4edd065621");
		assertThat(job.lines()).hasSize(3);
	}

	@Test
	void readsApiResponsesWithTheirBody() {
		EslFrame exists = single("Content-Type: api/response\nContent-Length: 4\n\ntrue");
		assertThat(exists.contentType()).isEqualTo("api/response");
		assertThat(exists.bodyText()).isEqualTo("true");
		assertThat(exists.ok()).isTrue();

		EslFrame missing = single("Content-Type: api/response\nContent-Length: 22\n\n-ERR No such channel!\n");
		assertThat(missing.bodyText()).isEqualTo("-ERR No such channel!\n");
		assertThat(missing.ok()).isFalse();

		EslFrame usage = single("Content-Type: api/response\nContent-Length: 12\n\n-USAGE: uuid");
		assertThat(usage.ok()).isFalse();

		EslFrame empty = single("Content-Type: api/response\nContent-Length: 0\n\n");
		assertThat(empty.body()).isEmpty();
	}

	@Test
	void readsTheDisconnectNotice() {
		EslFrame frame = single(NOTICE);
		assertThat(frame.contentType()).isEqualTo("text/disconnect-notice");
		assertThat(frame.header("Content-Length")).isEqualTo("67");
		assertThat(frame.bodyText()).isEqualTo("Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n");
	}

	@Test
	void readsClientCommandsWithTheirHeaders() {
		EslFrame bgapi = single("bgapi originate {origination_uuid=u1}sofia/gateway/gw/1 102 XML default\nJob-UUID: j1\n\n");
		assertThat(bgapi.firstLine()).isEqualTo("bgapi originate {origination_uuid=u1}sofia/gateway/gw/1 102 XML default");
		assertThat(bgapi.header("Job-UUID")).isEqualTo("j1");
		assertThat(bgapi.header("Job")).isNull();

		EslFrame sendevent = single("sendevent CUSTOM\nEvent-Subclass: dialer::x\nContent-Length: 5\n\nhello");
		assertThat(sendevent.bodyText()).isEqualTo("hello");
	}

	@Test
	void readsPlainAndJsonEventFrames() {
		SwitchEvent event = hangupComplete();
		EslFrame plain = single(event.plainFrame());
		assertThat(plain.isEvent()).isTrue();
		assertThat(plain.contentType()).isEqualTo("text/event-plain");
		assertThat(plain.firstLine()).as("Content-Length comes first").startsWith("Content-Length: ");
		assertThat(plain.body()).isEqualTo(event.plain());

		EslFrame json = single(event.jsonFrame());
		assertThat(json.contentType()).isEqualTo("text/event-json");
		assertThat(json.body()).isEqualTo(event.json());
	}

	@Test
	void readsAFrameFedOneByteAtATime() {
		byte[] frame = hangupComplete().plainFrame();
		EslFrameDecoder decoder = new EslFrameDecoder();
		ByteBuf in = Unpooled.buffer();
		List<EslFrame> frames = new ArrayList<>();
		for (byte b : frame) {
			in.writeByte(b);
			EslFrame decoded;
			while ((decoded = decoder.next(in)) != null) {
				frames.add(decoded);
			}
			in.discardReadBytes();
		}
		assertThat(frames).singleElement().satisfies(decoded -> assertThat(decoded.body()).hasSize(frame.length - headLength(frame)));
		assertThat(in.readableBytes()).isZero();
	}

	@Test
	void readsAFrameSplitAtEveryPosition() {
		List<byte[]> frames = List.of(bytes(JOB), bytes(NOTICE), hangupComplete().plainFrame(),
				backgroundJob().jsonFrame());
		for (byte[] frame : frames) {
			byte[] expectedBody = java.util.Arrays.copyOfRange(frame, headLength(frame), frame.length);
			for (int cut = 1; cut < frame.length; cut++) {
				EmbeddedChannel channel = new EmbeddedChannel(new EslFrameDecoder());
				channel.writeInbound(Unpooled.wrappedBuffer(frame, 0, cut));
				channel.writeInbound(Unpooled.wrappedBuffer(frame, cut, frame.length - cut));
				EslFrame decoded = channel.readInbound();
				assertThat(decoded).as("cut at %d", cut).isNotNull();
				assertThat(decoded.body()).as("cut at %d", cut).isEqualTo(expectedBody);
				assertThat((Object) channel.readInbound()).isNull();
				channel.finishAndReleaseAll();
			}
		}
	}

	@Test
	void readsSeveralFramesFromOneBuffer() {
		byte[] event = backgroundJob().plainFrame();
		ByteBuf in = Unpooled.buffer();
		in.writeBytes(bytes(JOB));
		in.writeBytes(event);
		in.writeBytes(bytes("Content-Type: api/response\nContent-Length: 5\n\nfalse"));
		in.writeBytes(bytes(NOTICE));
		in.writeBytes(bytes("Content-Type: command/reply\n")); // the start of a next one
		EmbeddedChannel channel = new EmbeddedChannel(new EslFrameDecoder());
		channel.writeInbound(in);
		assertThat(((EslFrame) channel.readInbound()).contentType()).isEqualTo("command/reply");
		assertThat(((EslFrame) channel.readInbound()).contentType()).isEqualTo("text/event-plain");
		assertThat(((EslFrame) channel.readInbound()).bodyText()).isEqualTo("false");
		assertThat(((EslFrame) channel.readInbound()).contentType()).isEqualTo("text/disconnect-notice");
		assertThat((Object) channel.readInbound()).isNull();
		channel.writeInbound(Unpooled.wrappedBuffer(bytes("Reply-Text: +OK\n\n")));
		assertThat(((EslFrame) channel.readInbound()).replyText()).isEqualTo("+OK");
		channel.finishAndReleaseAll();
	}

	@Test
	void ignoresCarriageReturns() {
		EslFrame reply = single("Content-Type: command/reply\r\nReply-Text: +OK accepted\r\n\r\n");
		assertThat(reply.replyText()).isEqualTo("+OK accepted");
		assertThat(reply.lines()).containsExactly("Content-Type: command/reply", "Reply-Text: +OK accepted");

		EslFrame api = single("Content-Type: api/response\r\nContent-Length: 4\r\n\r\ntrue");
		assertThat(api.bodyText()).isEqualTo("true");
	}

	@Test
	void skipsStrayBlankLinesBetweenFrames() {
		List<EslFrame> frames = all("\n\nContent-Type: auth/request\n\n\n\r\nContent-Type: command/reply\nReply-Text: +OK accepted\n\n\n");
		assertThat(frames).extracting(EslFrame::contentType).containsExactly("auth/request", "command/reply");
	}

	@Test
	void keepsWhatHasArrivedUntilTheFrameIsWhole() {
		EslFrameDecoder decoder = new EslFrameDecoder();
		ByteBuf in = Unpooled.buffer();
		in.writeBytes(bytes("Content-Type: api/response\nContent-Len"));
		assertThat(decoder.next(in)).isNull();
		in.writeBytes(bytes("gth: 5\n\nfa"));
		assertThat(decoder.next(in)).isNull();
		in.writeBytes(bytes("lse"));
		assertThat(decoder.next(in).bodyText()).isEqualTo("false");
		assertThat(decoder.next(in)).isNull();
	}

	@Test
	void refusesABadOrOversizedContentLength() {
		assertThatThrownBy(() -> single("Content-Type: api/response\nContent-Length: 12x\n\n"))
			.isInstanceOf(CorruptedFrameException.class);
		assertThatThrownBy(() -> single("Content-Type: api/response\nContent-Length: \n\n"))
			.isInstanceOf(CorruptedFrameException.class);
		assertThatThrownBy(() -> single("Content-Type: api/response\nContent-Length: -1\n\n"))
			.isInstanceOf(TooLongFrameException.class);
		assertThatThrownBy(() -> single("Content-Type: api/response\nContent-Length: 99999999999\n\n"))
			.isInstanceOf(TooLongFrameException.class);

		EslFrameDecoder small = new EslFrameDecoder(1024, 100);
		assertThat(small.next(Unpooled.wrappedBuffer(bytes("Content-Length: 100\n\n" + "x".repeat(100))))).isNotNull();
		assertThatThrownBy(() -> new EslFrameDecoder(1024, 100).next(Unpooled.wrappedBuffer(bytes("Content-Length: 101\n\n"))))
			.isInstanceOf(TooLongFrameException.class);
	}

	@Test
	void refusesAnOversizedHeaderBlock() {
		String longLine = "X-Long: " + "y".repeat(2_000);
		assertThatThrownBy(() -> new EslFrameDecoder(1024, 100).next(Unpooled.wrappedBuffer(bytes(longLine))))
			.as("no line end yet").isInstanceOf(TooLongFrameException.class);
		String manyLines = "X-Header: value\n".repeat(100);
		assertThatThrownBy(() -> new EslFrameDecoder(1024, 100).next(Unpooled.wrappedBuffer(bytes(manyLines))))
			.isInstanceOf(TooLongFrameException.class);
	}

	@Test
	void passesFailuresUpThePipeline() {
		EmbeddedChannel channel = new EmbeddedChannel(new EslFrameDecoder());
		assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes("Content-Length: nope\n\n"))))
			.isInstanceOf(CorruptedFrameException.class);
		channel.finishAndReleaseAll();
	}

	private static SwitchEvent hangupComplete() {
		FakeChannel channel = FakeChannel.finished("6b5e8f1c-2d1a-4c4e-9d8e-0f1a2b3c4d01", Duration.ofSeconds(8),
				Duration.ofSeconds(32), "空号");
		return channel.event("CHANNEL_HANGUP_COMPLETE", 41, Instant.now());
	}

	private static SwitchEvent backgroundJob() {
		return new SwitchEvent("BACKGROUND_JOB").stamp("0c9d7f5e-3b0a-4f3e-8a51-6d2c1e0b9a87", "fs1", Instant.now(), 42,
				"mod_event_socket.c", "api_exec", 1557)
			.add("Job-UUID", "7f4db78a-17d7-11dd-b7a0-db4edd065621")
			.add("Job-Command", "originate")
			.add("Job-Command-Arg", "{origination_uuid=u1}sofia/gateway/gw1/13800000000 102 XML default")
			.body("-ERR USER_BUSY\n");
	}

	private static EslFrame single(String text) {
		return single(bytes(text));
	}

	private static EslFrame single(byte[] frame) {
		EslFrameDecoder decoder = new EslFrameDecoder();
		ByteBuf in = Unpooled.wrappedBuffer(frame);
		EslFrame decoded = decoder.next(in);
		assertThat(decoded).as("a whole frame").isNotNull();
		assertThat(in.readableBytes()).as("bytes left over").isZero();
		return decoded;
	}

	private static List<EslFrame> all(String text) {
		EslFrameDecoder decoder = new EslFrameDecoder();
		ByteBuf in = Unpooled.wrappedBuffer(bytes(text));
		List<EslFrame> frames = new ArrayList<>();
		EslFrame frame;
		while ((frame = decoder.next(in)) != null) {
			frames.add(frame);
		}
		return frames;
	}

	private static int headLength(byte[] frame) {
		for (int i = 1; i < frame.length; i++) {
			if (frame[i] == '\n' && frame[i - 1] == '\n') {
				return i + 1;
			}
		}
		return frame.length;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
