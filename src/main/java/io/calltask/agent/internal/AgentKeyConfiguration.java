package io.calltask.agent.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The thread that writes when keys were last used ({@link KeyUses}), stopped with the context. */
@Configuration(proxyBeanMethods = false)
class AgentKeyConfiguration {

	@Bean(destroyMethod = "shutdown")
	ScheduledExecutorService agentKeyUseTimer() {
		return Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "agent-key-uses");
			thread.setDaemon(true);
			return thread;
		});
	}

}
