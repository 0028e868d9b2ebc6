package dev.gatehouse.benchmarks.enforcement;

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
 * The Spring Security stack: Boot's AOP auto-configuration and
 * {@code @EnableMethodSecurity(securedEnabled =
 * true)}, which is how a Boot application turns on {@code @PreAuthorize} and
 * {@code @Secured} (Boot does not auto-configure method security).
 */
@State(Scope.Benchmark)
public class SpringSecurityStack {

	/**
	 * The argument passed on every call; a field rather than a constant so the JIT cannot
	 * fold it.
	 */
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
		SpringSecurityOrderService springSecurityOrderService() {
			return new SpringSecurityOrderService();
		}

	}

}
