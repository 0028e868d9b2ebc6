package dev.gatehouse.auth.startup;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.RoleChecker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import static dev.gatehouse.auth.startup.StartupValidationTestSupport.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each bean is validated through the best type available without creating it: the created
 * object's class, otherwise the type its definition predicts; a bean without a
 * determinable type is skipped.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthStartupBeanTypeResolutionTests {

	private final ApplicationContextRunner runner = StartupValidationTestSupport.runner()
		.withPropertyValues("gatehouse.checkers.context-roles=false")
		.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class);

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	@AfterEach
	void resetLogLevel() {
		this.loggingSystem.setLogLevel(AuthStartupCapabilityValidator.class.getName(), null);
	}

	@Test
	void validatesALazyBeanWithoutCreatingIt() {
		LazyLedger.instances.set(0);
		this.runner.withUserConfiguration(LazyLedgerConfiguration.class).run((context) -> {
			assertThat(diagnostics(context)).containsExactly(missingRoleChecker("LazyLedger#close"));
			assertThat(LazyLedger.instances).hasValue(0);
		});
	}

	@Test
	void startsWithAValidLazyBeanStillUncreated() {
		LazyLedger.instances.set(0);
		this.runner.withPropertyValues("gatehouse.checkers.context-roles=true")
			.withUserConfiguration(LazyLedgerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AuthCapabilityReport.class).requiredCapabilities())
					.containsEntry(AuthCapability.ROLE_CHECK, List.of("LazyLedger#close"));
				assertThat(LazyLedger.instances).hasValue(0);
			});
	}

	@Test
	void validatesTheCreatedClassOfAFactoryMethodThatDeclaresAnInterface() {
		this.runner.withUserConfiguration(InterfaceFactoryMethodConfiguration.class)
			.run((context) -> assertThat(diagnostics(context))
				.containsExactly(missingRoleChecker("AnnotatedReportApi#read")));
	}

	@Test
	void validatesALazyFactoryMethodThroughTheInterfaceItDeclares() {
		this.runner.withPropertyValues("gatehouse.checkers.context-scopes=false")
			.withUserConfiguration(LazyInterfaceFactoryMethodConfiguration.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(new AuthStartupCapabilityDiagnostic(
					AuthCapability.SCOPE_CHECK, 0, List.of(), List.of("ScopedReportApi#read"))));
	}

	@Test
	void validatesABeanDefinedByAFactoryBeanThroughItsObjectType() {
		this.runner.withUserConfiguration(FactoryBeanConfiguration.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(missingRoleChecker("LazyLedger#close")));
	}

	@Test
	void validatesALambdaBeanThroughItsInterface() {
		this.runner.withUserConfiguration(LambdaConfiguration.class)
			.run((context) -> assertThat(diagnostics(context))
				.containsExactly(missingRoleChecker("GreetingApi#greet")));
	}

	@Test
	void skipsBeansWithoutDeterminableTypeAndLogsThemAtDebug(CapturedOutput output) {
		this.loggingSystem.setLogLevel(AuthStartupCapabilityValidator.class.getName(), LogLevel.DEBUG);
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("mystery", lazy(new RootBeanDefinition(MysteryFactoryBean.class)));
		beanFactory.registerBeanDefinition("missingClass", lazy(new RootBeanDefinition("com.example.DoesNotExist")));
		beanFactory.registerBeanDefinition("ledger", lazy(new RootBeanDefinition(LazyLedger.class)));
		RootBeanDefinition template = new RootBeanDefinition(ScopedTemplate.class);
		template.setAbstract(true);
		beanFactory.registerBeanDefinition("template", template);
		beanFactory.registerSingleton("authenticator", StartupValidationTestSupport.authenticator());
		beanFactory.registerSingleton("roleChecker", (RoleChecker) (request) -> AuthorizationDecision.allow());
		AuthStartupCapabilityValidator validator = new AuthStartupCapabilityValidator(beanFactory,
				new AuthMetadataResolver(), false);
		validator.afterSingletonsInstantiated();
		assertThat(validator.report().requiredCapabilities()).containsOnlyKeys(AuthCapability.AUTHENTICATION,
				AuthCapability.ROLE_CHECK);
		assertThat(output)
			.contains("skipped bean 'mystery': its type cannot be determined without creating it",
					"skipped bean 'missingClass': its type cannot be determined (")
			.doesNotContain("must not be created by validation");
	}

	private static RootBeanDefinition lazy(RootBeanDefinition definition) {
		definition.setLazyInit(true);
		return definition;
	}

	private static AuthStartupCapabilityDiagnostic missingRoleChecker(String boundary) {
		return new AuthStartupCapabilityDiagnostic(AuthCapability.ROLE_CHECK, 0, List.of(), List.of(boundary));
	}

	static class LazyLedger {

		static final AtomicInteger instances = new AtomicInteger();

		LazyLedger() {
			instances.incrementAndGet();
		}

		@RequireRole("clerk")
		public void close() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LazyLedgerConfiguration {

		@Bean
		@Lazy
		LazyLedger lazyLedger() {
			return new LazyLedger();
		}

	}

	interface ReportApi {

		String read();

	}

	@RequireRole("reporter")
	static class AnnotatedReportApi implements ReportApi {

		@Override
		public String read() {
			return "report";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceFactoryMethodConfiguration {

		@Bean
		ReportApi reportApi() {
			return new AnnotatedReportApi();
		}

	}

	interface ScopedReportApi {

		@RequireScope("reports:read")
		String read();

	}

	@Configuration(proxyBeanMethods = false)
	static class LazyInterfaceFactoryMethodConfiguration {

		@Bean
		@Lazy
		ScopedReportApi scopedReportApi() {
			return () -> "report";
		}

	}

	static class LedgerFactoryBean implements FactoryBean<LazyLedger> {

		@Override
		public LazyLedger getObject() {
			return new LazyLedger();
		}

		@Override
		public Class<?> getObjectType() {
			return LazyLedger.class;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FactoryBeanConfiguration {

		@Bean
		LedgerFactoryBean ledger() {
			return new LedgerFactoryBean();
		}

	}

	@FunctionalInterface
	interface GreetingApi {

		@RequireRole("greeter")
		String greet(String name);

	}

	@Configuration(proxyBeanMethods = false)
	static class LambdaConfiguration {

		@Bean
		GreetingApi greetingApi() {
			return (name) -> "hello " + name;
		}

	}

	/**
	 * Only ever the class of an abstract (template) bean definition, which is no bean.
	 */
	static class ScopedTemplate {

		@RequireScope("templates:read")
		public void read() {
		}

	}

	/** A factory whose product type is unknown until it is created. */
	static class MysteryFactoryBean<T> implements FactoryBean<T> {

		@Override
		public T getObject() {
			throw new IllegalStateException("must not be created by validation");
		}

		@Override
		public Class<?> getObjectType() {
			return null;
		}

	}

}
