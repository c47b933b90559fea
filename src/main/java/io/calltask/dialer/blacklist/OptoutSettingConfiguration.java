package io.calltask.dialer.blacklist;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.calltask.contact.ContactPolicies;

/**
 * Each user's contact policy decides ({@code optout_to_blacklist}); users who never set one take the
 * deployment's {@code calltask.contact.optout-to-blacklist} (default {@code true}). The policy is
 * cached for at most 5 seconds, so the engine's write rarely reads it from the database.
 */
@Configuration(proxyBeanMethods = false)
class OptoutSettingConfiguration {

	@Bean
	OptoutSetting contactPolicyOptoutSetting(ContactPolicies policies) {
		return userId -> policies.policyOf(userId).optoutToBlacklist();
	}

}
