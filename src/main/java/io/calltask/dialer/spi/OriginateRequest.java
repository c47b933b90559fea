package io.calltask.dialer.spi;

import java.util.Map;
import java.util.UUID;

/**
 * One call to place: {@code callId} becomes the channel's {@code origination_uuid}; {@code dialString} is
 * the number as the trunk is to receive it (the task's {@code dial_format} applied).
 * {@code originateVariables} are the task's channel variables, name → value as meant (not quoted or
 * escaped for FreeSWITCH), in order, already held to the originate-variables policy; never null;
 * {@code destination*} are where the answered call goes (the 话术组 extension, dialplan, context).
 */
public record OriginateRequest(UUID callId, UUID taskId, long numberId, String phone, String dialString, UUID lineId, String gateway,
		String nodeId, String callerIdNumber, int originateTimeoutSeconds, Map<String, String> originateVariables,
		String destinationExtension, String destinationDialplan, String destinationContext) {

	public OriginateRequest {
		originateVariables = originateVariables == null ? Map.of() : originateVariables;
	}

}
