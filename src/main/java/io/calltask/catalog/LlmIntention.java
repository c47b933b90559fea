package io.calltask.catalog;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A 大模型意向标签配置: what each intention grade A–F means for the LLM that grades calls. */
public record LlmIntention(long id, UUID userId, String name, Map<String, String> labels, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {
}
