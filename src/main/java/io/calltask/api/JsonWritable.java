package io.calltask.api;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A value that writes itself with a {@link JsonWriter}. Lists of them are answered without Jackson
 * ({@link ApiResponse#writtenPage}); where Jackson writes one (a single item in an envelope map),
 * {@link Value} renders it and hands Jackson the bytes.
 */
public interface JsonWritable {

	void writeTo(JsonWriter writer);

	/** A {@link JsonWritable} Jackson can write too. */
	abstract class Value extends JacksonSerializable.Base implements JsonWritable {

		@Override
		public void serialize(JsonGenerator gen, SerializationContext ctxt) {
			JsonWriter writer = new JsonWriter(4096);
			writeTo(writer);
			gen.writeRawValue(new String(writer.toByteArray(), StandardCharsets.UTF_8));
		}

		@Override
		public void serializeWithType(JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
			serialize(gen, ctxt);
		}

	}

}
