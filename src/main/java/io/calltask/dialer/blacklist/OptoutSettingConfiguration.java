package io.calltask.dialer.blacklist;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deployment's {@code calltask.contact.optout-to-blacklist} (default {@code true}) for every
 * user, unless another {@link OptoutSetting} bean (the per-user contact policy) is defined.
 */
@Configuration(proxyBeanMethods = false)
class OptoutSettingConfiguration {

	@Bean
	@ConditionalOnMissingBean(OptoutSetting.class)
	OptoutSetting deploymentOptoutSetting(@Value("${calltask.contact.optout-to-blacklist:true}") boolean toBlacklist) {
		return userId -> toBlacklist;
	}

}
