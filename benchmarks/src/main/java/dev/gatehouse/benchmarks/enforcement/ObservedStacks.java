package dev.gatehouse.benchmarks.enforcement;

import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * The Gatehouse and Spring Security stacks of the enforcement benchmarks, each with an
 * {@link ObservationRegistry} bean that carries a Micrometer timer handler (what Boot's
 * observation auto-configuration registers for a {@link MeterRegistry}).
 */
public final class ObservedStacks {

	private ObservedStacks() {
	}

	static ObservationRegistry timedRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		return registry;
	}

	/**
	 * Gatehouse with observations on.
	 */
	@State(Scope.Benchmark)
	public static class ObservedGatehouseStack {

		/** The argument passed on every call; a field so the JIT cannot fold it. */
		public String orderId = "order-42";

		GatehouseOrderService orders;

		private AnnotationConfigApplicationContext context;

		/** Starts the Spring context and looks up the proxied service. */
		@Setup(Level.Trial)
		public void start() {
			this.context = new AnnotationConfigApplicationContext(GatehouseConfiguration.class);
			this.orders = Stacks.requireProxy(this.context.getBean(GatehouseOrderService.class));
		}

		/** Closes the Spring context. */
		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

		@Configuration(proxyBeanMethods = false)
		@ImportAutoConfiguration({ AopAutoConfiguration.class, GatehouseAutoConfiguration.class })
		static class GatehouseConfiguration {

			@Bean
			ObservationRegistry observationRegistry() {
				return timedRegistry();
			}

			@Bean
			GatehouseOrderService gatehouseOrderService() {
				return new GatehouseOrderService();
			}

		}

	}

	/**
	 * Spring Security's method security with observations on: with an
	 * {@link ObservationRegistry} bean, {@code @EnableMethodSecurity} wraps each
	 * authorization manager in an {@code ObservationAuthorizationManager}.
	 */
	@State(Scope.Benchmark)
	public static class ObservedSpringSecurityStack {

		/** The argument passed on every call; a field so the JIT cannot fold it. */
		public String orderId = "order-42";

		SpringSecurityOrderService orders;

		private AnnotationConfigApplicationContext context;

		/** Starts the Spring context and looks up the proxied service. */
		@Setup(Level.Trial)
		public void start() {
			this.context = new AnnotationConfigApplicationContext(SpringSecurityConfiguration.class);
			this.orders = Stacks.requireProxy(this.context.getBean(SpringSecurityOrderService.class));
		}

		/** Closes the Spring context. */
		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

		@Configuration(proxyBeanMethods = false)
		@ImportAutoConfiguration(AopAutoConfiguration.class)
		@EnableMethodSecurity(securedEnabled = true)
		static class SpringSecurityConfiguration {

			@Bean
			ObservationRegistry observationRegistry() {
				return timedRegistry();
			}

			@Bean
			SpringSecurityOrderService springSecurityOrderService() {
				return new SpringSecurityOrderService();
			}

		}

	}

}
