package io.calltask.dialer.blacklist;

import java.util.UUID;

/**
 * Whether a user's callees who opt out ({@code calltask_optout=1}) join the user's blacklist: the
 * contact policy's {@code optout_to_blacklist} (API.md section 10). The seam the per-user policy plugs
 * into: {@link OptoutSettingConfiguration} answers from the user's contact policy.
 * Asked inside the engine's write transaction, once per user per write: must be quick and never block.
 */
@FunctionalInterface
public interface OptoutSetting {

	boolean optoutToBlacklist(UUID userId);

}
