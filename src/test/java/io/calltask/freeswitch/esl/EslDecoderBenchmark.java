package io.calltask.freeswitch.esl;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.calltask.freeswitch.FakeChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How many hangup events one core decodes per second: a dialer at 100 calls per second sees some
 * 500 channel events per second and must never fall behind its socket. Each operation is what the
 * client does per {@code CHANNEL_HANGUP_COMPLETE}: cut the frame out of Netty's buffer
 * ({@link EslFrameDecoder#next}), index the event ({@link EslEvent#of}) and read the fields a dialer
 * reads. The frame is the test peer's own (about 7 KB, some 190 headers), as FreeSWITCH writes it.
 * Run with {@code bench/esl-decoder-bench.sh}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class EslDecoderBenchmark {

	private final EslFrameDecoder decoder = new EslFrameDecoder();

	private ByteBuf plain;

	private ByteBuf json;

	@Setup(Level.Trial)
	public void setUp() {
		SwitchEvent hangup = FakeChannel
			.finished("6b5e8f1c-2d1a-4c4e-9d8e-0f1a2b3c4d01", Duration.ofSeconds(8), Duration.ofMillis(32_250), "空号")
			.event("CHANNEL_HANGUP_COMPLETE", 41, Instant.now());
		plain = direct(hangup.plainFrame());
		json = direct(hangup.jsonFrame());
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		plain.release();
		json.release();
	}

	@Benchmark
	public void plainHangup(Blackhole blackhole) {
		read(decode(plain), blackhole);
	}

	@Benchmark
	public void jsonHangup(Blackhole blackhole) {
		read(decode(json), blackhole);
	}

	/** The frame as it sits in a socket's (direct) cumulation buffer, read again from its start each time. */
	private EslEvent decode(ByteBuf buffer) {
		buffer.readerIndex(0);
		EslFrame frame = decoder.next(buffer);
		return EslEvent.of(frame);
	}

	private static void read(EslEvent event, Blackhole blackhole) {
		blackhole.consume(event.header("Event-Name"));
		blackhole.consume(event.header("Unique-ID"));
		blackhole.consume(event.header("Hangup-Cause"));
		blackhole.consume(event.header("variable_billmsec"));
		blackhole.consume(event.header("variable_billsec"));
		blackhole.consume(event.header("variable_answer_epoch"));
		blackhole.consume(event.header("variable_da_status"));
		blackhole.consume(event.header("variable_sip_term_status"));
	}

	private static ByteBuf direct(byte[] bytes) {
		ByteBuf buffer = Unpooled.directBuffer(bytes.length);
		buffer.writeBytes(bytes);
		return buffer;
	}

}
