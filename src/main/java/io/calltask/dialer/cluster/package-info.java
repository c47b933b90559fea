/**
 * Several instances on one database: every instance holds a node id of its own and beats; exactly
 * one, the holder of the dialer lease, runs the dialer. API: {@link io.calltask.dialer.cluster.DialerRole}
 * (this instance's role and term), {@link io.calltask.dialer.cluster.Term},
 * {@link io.calltask.dialer.cluster.DialerLease#fence} (the first statement of every dialer
 * transaction) and {@link io.calltask.dialer.cluster.LeaseLostException}. It knows nothing of the
 * engine; the engine asks it. docs/CLUSTER.md tells the whole story.
 */
package io.calltask.dialer.cluster;
