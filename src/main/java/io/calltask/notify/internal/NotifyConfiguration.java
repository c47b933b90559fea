package io.calltask.notify.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import io.calltask.notify.NotifySettings;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifySettings.class)
class NotifyConfiguration {

}
