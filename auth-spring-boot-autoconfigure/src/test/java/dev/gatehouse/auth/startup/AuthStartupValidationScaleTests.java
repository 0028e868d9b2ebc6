package dev.gatehouse.auth.startup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.metadata.CountingMetadataResolver;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.RoleChecker;
import dev.gatehouse.auth.spi.ScopeChecker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan visits every bean definition once and each class once, so large applications
 * validate quickly.
 */
class AuthStartupValidationScaleTests {

	private static final int BEANS = 2_000;

	private static final List<Class<?>> ANNOTATED_CLASSES = List.of(OrderService.class, InvoiceService.class,
			CustomerService.class, UndecoratedService.class);

	@Test
	void validatesTwoThousandLazyBeansOfAFewClassesQuicklyAndWithoutCreatingThem() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		for (int i = 0; i < BEANS; i++) {
			RootBeanDefinition definition = new RootBeanDefinition(ANNOTATED_CLASSES.get(i % ANNOTATED_CLASSES.size()));
			definition.setLazyInit(true);
			beanFactory.registerBeanDefinition("bean" + i, definition);
		}
		registerProvider(beanFactory, "authenticator", Authenticator.class,
				StartupValidationTestSupport.authenticator());
		registerProvider(beanFactory, "roleChecker", RoleChecker.class,
				(RoleChecker) (request) -> AuthorizationDecision.allow());
		registerProvider(beanFactory, "scopeChecker", ScopeChecker.class,
				(ScopeChecker) (request) -> AuthorizationDecision.allow());
		registerProvider(beanFactory, "permissionChecker", PermissionChecker.class,
				(PermissionChecker) (request) -> AuthorizationDecision.allow());
		AtomicInteger computations = new AtomicInteger();
		AuthStartupCapabilityValidator validator = new AuthStartupCapabilityValidator(beanFactory,
				CountingMetadataResolver.counting(computations), false);

		long start = System.nanoTime();
		validator.afterSingletonsInstantiated();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		// A generous smoke bound only; the real measurement belongs in the benchmark
		// module.
		assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
		// Metadata is computed once per method of each annotated class, not once per
		// bean.
		assertThat(computations).hasValue(6);
		assertThat(validator.report().requiredCapabilities()).containsOnlyKeys(AuthCapability.AUTHENTICATION,
				AuthCapability.ROLE_CHECK, AuthCapability.SCOPE_CHECK, AuthCapability.PERMISSION_CHECK);
		assertThat(validator.report().requiredCapabilities().get(AuthCapability.AUTHENTICATION)).containsExactly(
				"CustomerService#find", "CustomerService#name", "InvoiceService#cancel", "InvoiceService#issue",
				"OrderService#cancel", "OrderService#place");
		for (int i = 0; i < BEANS; i++) {
			assertThat(beanFactory.containsSingleton("bean" + i)).isFalse();
		}
	}

	private static <T> void registerProvider(DefaultListableBeanFactory beanFactory, String name, Class<T> type,
			T instance) {
		beanFactory.registerBeanDefinition(name, new RootBeanDefinition(type, () -> instance));
	}

	@RequireRole("clerk")
	static class OrderService {

		public void place() {
		}

		public void cancel() {
		}

	}

	static class InvoiceService {

		@RequirePermission("invoices:issue")
		public void issue() {
		}

		@Protected
		public void cancel() {
		}

	}

	@RequireScope("customers:read")
	static class CustomerService {

		public void find() {
		}

		public String name() {
			return "name";
		}

	}

	static class UndecoratedService {

		public void run() {
		}

	}

}
