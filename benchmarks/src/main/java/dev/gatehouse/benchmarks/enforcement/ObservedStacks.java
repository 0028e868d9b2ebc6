package dev.gatehouse.benchmarks.enforcement;

import java.util.Map;

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
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * The Gatehouse and Spring Security stacks of the enforcement benchmarks, each with an
 * {@link ObservationRegistry} bean that carries a Micrometer timer handler (what Boot's
 * observation auto-configuration registers for a {@link MeterRegistry}); Gatehouse once
 * in each {@code gatehouse.observation.authorization} mode that records.
 */
public final class ObservedStacks {

	private ObservedStacks() {
	}

	static ObservationRegistry timedRegistry() {
		return timedRegistry(new SimpleMeterRegistry());
	}

	static ObservationRegistry timedRegistry(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

	static AnnotationConfigApplicationContext startContext(Class<?> configuration, Map<String, Object> properties) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
		context.register(configuration);
		context.refresh();
		return context;
	}

	/**
	 * Gatehouse with an {@code Observation} per protected call
	 * ({@code gatehouse.observation.authorization=observation}).
	 */
	@State(Scope.Benchmark)
	public static class ObservedGatehouseStack {

		/** The argument passed on every call; a field so the JIT cannot fold it. */
		public String orderId = "order-42";

		GatehouseOrderService orders;

		MeterRegistry meterRegistry;

		private AnnotationConfigApplicationContext context;

		/** Starts the Spring context and looks up the proxied service. */
		@Setup(Level.Trial)
		public void start() {
			this.context = startContext(GatehouseConfiguration.class,
					Map.of("gatehouse.observation.authorization", "observation"));
			this.orders = Stacks.requireProxy(this.context.getBean(GatehouseOrderService.class));
			this.meterRegistry = this.context.getBean(MeterRegistry.class);
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
			SimpleMeterRegistry meterRegistry() {
				return new SimpleMeterRegistry();
			}

			@Bean
			ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
				return timedRegistry(meterRegistry);
			}

			@Bean
			GatehouseOrderService gatehouseOrderService() {
				return new GatehouseOrderService();
			}

		}

	}

	/**
	 * Gatehouse as an application with Actuator runs it by default
	 * ({@code gatehouse.observation.authorization=metrics}): a {@link MeterRegistry} bean
	 * and an {@link ObservationRegistry} whose default meter handler writes into it;
	 * protected calls record the registry's {@code gatehouse.authorization} timer.
	 */
	@State(Scope.Benchmark)
	public static class MeteredGatehouseStack {

		/** The argument passed on every call; a field so the JIT cannot fold it. */
		public String orderId = "order-42";

		GatehouseOrderService orders;

		MeterRegistry meterRegistry;

		private AnnotationConfigApplicationContext context;

		/** Starts the Spring context and looks up the proxied service. */
		@Setup(Level.Trial)
		public void start() {
			this.context = startContext(ObservedGatehouseStack.GatehouseConfiguration.class, Map.of());
			this.orders = Stacks.requireProxy(this.context.getBean(GatehouseOrderService.class));
			this.meterRegistry = this.context.getBean(MeterRegistry.class);
		}

		/** Closes the Spring context. */
		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
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
