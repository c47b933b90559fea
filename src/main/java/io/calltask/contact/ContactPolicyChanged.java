package io.calltask.contact;

import java.util.UUID;

/**
 * A user's contact policy changed: numbers held back under the old one are looked at again (the
 * dialer lets them go, and holds them anew if the new policy says so). Published in the change's
 * transaction.
 */
public record ContactPolicyChanged(UUID userId) {
}
