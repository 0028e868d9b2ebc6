package dev.gatehouse.auth.autoconfigure.core;

import dev.gatehouse.auth.startup.ConfigurationProblems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Core auto-configuration: metadata resolution, the enforcing advisor, the requirement
 * evaluator, the default context-based checkers and the task decorator that carries the
 * AuthContext into Boot's executors and {@code @Async} methods; and the
 * {@link ConfigurationProblems} that feature configurations record into, so their
 * problems join startup validation's one failure report. {@code gatehouse.enabled=false}
 * turns all of it off.
 */
@AutoConfiguration(after = AopAutoConfiguration.class, before = TaskExecutionAutoConfiguration.class)
@ConditionalOnGatehouseEnabled
@EnableConfigurationProperties(GatehouseProperties.class)
@Import({ AuthAutoProxyRegistrar.class, EnforcementConfiguration.class, ConfigurationProblemsConfiguration.class })
public final class GatehouseAutoConfiguration {

}
