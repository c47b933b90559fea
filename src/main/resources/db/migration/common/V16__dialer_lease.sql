-- Several instances on one database: exactly one runs the dialer, the holder of the lease of its
-- cluster (docs/CLUSTER.md). Every acquisition adds one to token, the fencing token: the dialer's
-- transactions check that the token they were started under is still the lease's and not expired,
-- so a leader that lost the lease (paused, cut off) cannot write after another took it over.
-- expires_at is in the database's time. previous_holder is the node the last acquisition replaced:
-- its claims and open calls become the new holder's.
CREATE TABLE dialer_lease (
    cluster          VARCHAR(64) PRIMARY KEY,
    holder           VARCHAR(64),
    token            BIGINT NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    previous_holder  VARCHAR(64)
);

-- Every instance beats, leader or standby: a node id whose heartbeat still moves is alive and
-- cannot be taken by a second instance. incarnation: the process that holds the id (a random id
-- per start), so that of two processes starting with one id at the same moment only one gets it.
-- stopped: it shut down cleanly, and its id is free at once.
ALTER TABLE dialer_node ADD COLUMN cluster VARCHAR(64) NOT NULL DEFAULT 'calltask';
ALTER TABLE dialer_node ADD COLUMN incarnation UUID;
ALTER TABLE dialer_node ADD COLUMN stopped BOOLEAN NOT NULL DEFAULT FALSE;
