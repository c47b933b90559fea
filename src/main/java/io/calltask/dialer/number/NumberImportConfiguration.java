package io.calltask.dialer.number;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.calltask.api.LargeBodyRoute;

/** Number imports take bodies up to {@code calltask.dialer.import.max-bytes} (64 MiB), not the API's 1 MiB. */
@Configuration(proxyBeanMethods = false)
class NumberImportConfiguration {

	@Bean
	LargeBodyRoute numberImportRoute(@Value("${calltask.dialer.import.max-bytes:67108864}") long maxBytes) {
		return LargeBodyRoute.of("POST", "/agent-api/new/user/*/task/*/number", maxBytes);
	}

}
