package io.calltask.dialer.cluster;

/**
 * A dialer write refused because its term is over: the lease passed to another node (or to a new
 * term of this one), or expired. The transaction rolls back; nothing of it is written.
 */
public class LeaseLostException extends RuntimeException {

	public LeaseLostException(Term term) {
		super("the dialer lease of cluster " + term.cluster() + " is no longer held by node " + term.nodeId()
				+ " under token " + term.token());
	}

}
