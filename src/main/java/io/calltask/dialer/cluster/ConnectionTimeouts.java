package io.calltask.dialer.cluster;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * On PostgreSQL, no statement waits forever on a connection that went silent: a network that drops
 * packets without closing the connection would otherwise leave a thread blocked in a read until the
 * operating system gives up (hours). A leader so cut off stops dialing on its own clock all the same
 * ({@link DialerRole}); this lets its threads, the lease keeper's among them, fail and come back
 * once the database answers again. Applied to the pool before it opens a connection:
 * {@code socketTimeout} 300 s (longer than any statement of the service: the longest, a million-row
 * import, takes about 20 s) and TCP keep-alives. A value set in the URL or as a pool property stays.
 */
class ConnectionTimeouts implements BeanPostProcessor {

	static final String SOCKET_TIMEOUT_SECONDS = "300";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			if (!pool.getJdbcUrl().contains("socketTimeout=")
					&& !pool.getDataSourceProperties().containsKey("socketTimeout")) {
				pool.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
			}
			if (!pool.getJdbcUrl().contains("tcpKeepAlive=")
					&& !pool.getDataSourceProperties().containsKey("tcpKeepAlive")) {
				pool.addDataSourceProperty("tcpKeepAlive", "true");
			}
		}
		return bean;
	}

}
