package io.calltask.dialer.cluster;

/**
 * One leadership of the dialer: node {@code nodeId} holds the lease of {@code cluster} under fencing
 * token {@code token} (one more on every acquisition, by whoever). {@code previousHolder} is the node
 * it replaced (null for the first), whose claimed numbers and open calls become this term's.
 */
public record Term(String cluster, String nodeId, long token, String previousHolder) {
}
