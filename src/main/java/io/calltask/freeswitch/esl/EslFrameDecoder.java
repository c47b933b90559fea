package io.calltask.freeswitch.esl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Cuts a byte stream into {@link EslFrame}s: header lines up to a blank line (CRs ignored), then
 * {@code Content-Length} bytes of body. A frame may arrive in any number of pieces; header lines are
 * consumed as they complete, so nothing is scanned twice. Shared by the client and the test peer.
 */
public final class EslFrameDecoder extends ByteToMessageDecoder {

	private enum State {

		READ_HEADER, READ_BODY

	}

	private final int maxHeaderBytes;

	private final int maxBodyBytes;

	private State state = State.READ_HEADER;

	private final List<String> lines = new ArrayList<>(4);

	private int headerBytes;

	private int bodyLength;

	public EslFrameDecoder() {
		this(64 * 1024, 16 * 1024 * 1024);
	}

	public EslFrameDecoder(int maxHeaderBytes, int maxBodyBytes) {
		this.maxHeaderBytes = maxHeaderBytes;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		EslFrame frame;
		while ((frame = next(in)) != null) {
			out.add(frame);
		}
	}

	/** The next whole frame in {@code in}, or null if it has not all arrived yet (what has is kept). */
	public EslFrame next(ByteBuf in) {
		if (state == State.READ_HEADER && !readHeader(in)) {
			return null;
		}
		if (in.readableBytes() < bodyLength) {
			return null;
		}
		byte[] body = null;
		if (bodyLength > 0) {
			body = new byte[bodyLength];
			in.readBytes(body);
		}
		EslFrame frame = new EslFrame(lines.toArray(new String[0]), body);
		lines.clear();
		headerBytes = 0;
		bodyLength = 0;
		state = State.READ_HEADER;
		return frame;
	}

	/** Reads header lines; true once the blank line that ends the block has been read. */
	private boolean readHeader(ByteBuf in) {
		while (true) {
			int start = in.readerIndex();
			int eol = in.indexOf(start, in.writerIndex(), (byte) '\n');
			if (eol < 0) {
				if (headerBytes + in.readableBytes() > maxHeaderBytes) {
					throw new TooLongFrameException("ESL header block over " + maxHeaderBytes + " bytes");
				}
				return false;
			}
			int end = eol;
			while (end > start && in.getByte(end - 1) == '\r') {
				end--;
			}
			headerBytes += eol + 1 - start;
			if (headerBytes > maxHeaderBytes) {
				throw new TooLongFrameException("ESL header block over " + maxHeaderBytes + " bytes");
			}
			String line = end == start ? "" : in.toString(start, end - start, StandardCharsets.UTF_8);
			in.readerIndex(eol + 1);
			if (!line.isEmpty()) {
				lines.add(line.indexOf('\r') < 0 ? line : line.replace("\r", ""));
				continue;
			}
			if (lines.isEmpty()) {
				headerBytes = 0;
				continue; // a stray blank line between frames
			}
			bodyLength = contentLength();
			state = State.READ_BODY;
			return true;
		}
	}

	private int contentLength() {
		for (String line : lines) {
			if (line.startsWith("Content-Length:")) {
				String value = line.substring("Content-Length:".length()).trim();
				long length;
				try {
					length = Long.parseLong(value);
				}
				catch (NumberFormatException ex) {
					throw new CorruptedFrameException("ESL Content-Length is not a number: " + value);
				}
				if (length < 0 || length > maxBodyBytes) {
					throw new TooLongFrameException("ESL body of " + length + " bytes (limit " + maxBodyBytes + ")");
				}
				return (int) length;
			}
		}
		return 0;
	}

}
