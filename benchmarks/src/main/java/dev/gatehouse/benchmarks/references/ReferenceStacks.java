package dev.gatehouse.benchmarks.references;

import java.lang.reflect.Method;

import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.security.access.PermissionEvaluator;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The three proxied stacks of {@link ReferenceBenchmarks}, each a real Spring context,
 * and the callers bound to the measuring thread.
 */
public final class ReferenceStacks {

	private ReferenceStacks() {
	}

	static <T> T requireProxy(T bean) {
		if (!AopUtils.isAopProxy(bean)) {
			throw new IllegalStateException(bean.getClass().getName() + " was not proxied");
		}
		return bean;
	}

	/**
	 * A context with one proxied {@link DocumentService}; subclasses choose the
	 * configuration.
	 */
	abstract static class Stack {

		/** The argument passed on every call; a field so that the JIT cannot fold it. */
		public long id = 42;

		DocumentService documents;

		private AnnotationConfigApplicationContext context;

		abstract Class<?> configuration();

		/** Starts the context and looks up the proxied service. */
		@Setup(Level.Trial)
		public void start() {
			this.context = new AnnotationConfigApplicationContext(configuration());
			this.documents = requireProxy(this.context.getBean(DocumentService.class));
		}

		/** Closes the context. */
		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	/**
	 * Boot's AOP and a highest-precedence advisor that only proceeds: the cost every
	 * advised call pays.
	 */
	@State(Scope.Benchmark)
	public static class Bare extends Stack {

		@Override
		Class<?> configuration() {
			return BareConfiguration.class;
		}

	}

	/** Gatehouse's auto-configuration with the table permission checker. */
	@State(Scope.Benchmark)
	public static class Gatehouse extends Stack {

		@Override
		Class<?> configuration() {
			return GatehouseConfiguration.class;
		}

	}

	/** {@code @EnableMethodSecurity} with the table permission evaluator. */
	@State(Scope.Benchmark)
	public static class SpringSecurity extends Stack {

		@Override
		Class<?> configuration() {
			return SpringSecurityConfiguration.class;
		}

	}

	/** Binds the Gatehouse caller to the measuring thread. */
	@State(Scope.Thread)
	public static class GatehouseCaller {

		private AuthContextScope scope;

		/** Binds the caller to this thread. */
		@Setup(Level.Trial)
		public void bind() {
			this.scope = AuthContextHolder.open(AuthContext.builder(DocumentGrants.CALLER).roles("USER").build());
		}

		/** Unbinds the caller. */
		@TearDown(Level.Trial)
		public void unbind() {
			this.scope.close();
		}

	}

	/** Binds the Spring Security caller to the measuring thread. */
	@State(Scope.Thread)
	public static class SpringSecurityCaller {

		/** Binds the caller to this thread. */
		@Setup(Level.Trial)
		public void bind() {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(DocumentGrants.CALLER, null,
					AuthorityUtils.createAuthorityList("ROLE_USER")));
			SecurityContextHolder.setContext(context);
		}

		/** Unbinds the caller. */
		@TearDown(Level.Trial)
		public void unbind() {
			SecurityContextHolder.clearContext();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AopAutoConfiguration.class)
	static class BareConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static NoOpAdvisor noOpAdvisor() {
			return new NoOpAdvisor();
		}

		@Bean
		DocumentService documentService() {
			return new DocumentService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, GatehouseAutoConfiguration.class })
	static class GatehouseConfiguration {

		@Bean
		DocumentGrants.TablePermissionChecker permissionChecker() {
			return new DocumentGrants.TablePermissionChecker();
		}

		@Bean
		DocumentService documentService() {
			return new DocumentService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AopAutoConfiguration.class)
	@EnableMethodSecurity
	static class SpringSecurityConfiguration {

		@Bean
		static MethodSecurityExpressionHandler methodSecurityExpressionHandler() {
			DefaultMethodSecurityExpressionHandler handler = new DefaultMethodSecurityExpressionHandler();
			PermissionEvaluator evaluator = new DocumentGrants.TablePermissionEvaluator();
			handler.setPermissionEvaluator(evaluator);
			return handler;
		}

		@Bean
		DocumentService documentService() {
			return new DocumentService();
		}

	}

	/** Shaped like Gatehouse's advisor, proceeding and nothing else. */
	static final class NoOpAdvisor extends StaticMethodMatcherPointcutAdvisor {

		private static final long serialVersionUID = 1L;

		NoOpAdvisor() {
			super(new NoOpInterceptor());
			setOrder(Ordered.HIGHEST_PRECEDENCE);
			setClassFilter(DocumentService.class::isAssignableFrom);
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return method.getDeclaringClass() == DocumentService.class;
		}

	}

	static final class NoOpInterceptor implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			return invocation.proceed();
		}

	}

}
