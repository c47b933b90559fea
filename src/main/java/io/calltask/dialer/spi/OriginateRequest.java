package io.calltask.dialer.spi;

import java.util.Map;
import java.util.UUID;

/**
 * One call to place: {@code callId} becomes the channel's {@code origination_uuid}; {@code dialString} is
 * the number as the trunk is to receive it (the task's {@code dial_format} applied).
 * {@code originateVariables} are the task's channel variables, name → value as meant (not quoted or
 * escaped for FreeSWITCH), in order, already held to the originate-variables policy; never null;
 * {@code destination*} are where the answered call goes (the 话术组 extension, dialplan, context).
 * {@code numberVariables} are the number's imported variables, name → value as text (numbers and
 * booleans as written in the import), for the bot to read; never null, and not yet held to what a
 * gateway can send (a gateway drops what it cannot carry).
 */
public record OriginateRequest(UUID callId, UUID taskId, long numberId, String phone, String dialString, UUID lineId, String gateway,
		String nodeId, String callerIdNumber, int originateTimeoutSeconds, Map<String, String> originateVariables,
		String destinationExtension, String destinationDialplan, String destinationContext,
		Map<String, String> numberVariables) {

	public OriginateRequest {
		originateVariables = originateVariables == null ? Map.of() : originateVariables;
		numberVariables = numberVariables == null ? Map.of() : numberVariables;
	}

}
