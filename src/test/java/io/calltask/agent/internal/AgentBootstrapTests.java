package io.calltask.agent.internal;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;

import io.calltask.agent.Agents;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** Production refuses the demo key; keys must be long enough to carry 128 bits. */
class AgentBootstrapTests {

	private static final String DEMO_KEY = "ct_demo_key_do_not_use_in_production_0001";

	private final Agents agents = mock(Agents.class);

	@Test
	void productionRefusesTheDemoKey() {
		var bootstrap = new AgentBootstrap(agents, database("jdbc:postgresql://db/calltask"),
				DEMO_KEY);
		assertThatThrownBy(() -> bootstrap.run(new DefaultApplicationArguments()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("demo API key");
		verify(agents, never()).ensure(anyString(), anyString());
	}

	@Test
	void theEmbeddedDatabaseAcceptsTheDemoKey() {
		var bootstrap = new AgentBootstrap(agents, database("jdbc:h2:file:./data/x"),
				DEMO_KEY);
		assertThatCode(() -> bootstrap.run(new DefaultApplicationArguments())).doesNotThrowAnyException();
		verify(agents).ensure("bootstrap", DEMO_KEY);
	}

	@Test
	void shortOrSpacedKeysAreRefused() {
		for (String key : new String[] { "short", "has a space in the middle of it, 0123456789", "x".repeat(31) }) {
			var bootstrap = new AgentBootstrap(agents,
					database("jdbc:postgresql://db/calltask"), key);
			assertThatThrownBy(() -> bootstrap.run(new DefaultApplicationArguments()))
				.isInstanceOf(IllegalStateException.class);
		}
		verify(agents, never()).ensure(anyString(), anyString());
	}

	/** A data source whose connections report {@code url}; nothing else is used. */
	private static DataSource database(String url) {
		DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(AgentBootstrapTests.class.getClassLoader(),
				new Class<?>[] { DatabaseMetaData.class }, (p, m, a) -> m.getName().equals("getURL") ? url : null);
		Connection connection = (Connection) Proxy.newProxyInstance(AgentBootstrapTests.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (p, m, a) -> m.getName().equals("getMetaData") ? meta : null);
		return (DataSource) Proxy.newProxyInstance(AgentBootstrapTests.class.getClassLoader(),
				new Class<?>[] { DataSource.class }, (p, m, a) -> m.getName().equals("getConnection") ? connection : null);
	}

}
