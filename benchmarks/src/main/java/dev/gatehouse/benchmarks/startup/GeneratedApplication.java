package dev.gatehouse.benchmarks.startup;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.RoleChecker;
import dev.gatehouse.auth.spi.ScopeChecker;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * A bean factory shaped like a large application: 2,000 lazy bean definitions of 2,000
 * distinct classes, a quarter protected at class level, a quarter at method level, half
 * undecorated, plus one provider per required capability. Classes are generated once per
 * trial; nothing is instantiated.
 */
@State(Scope.Benchmark)
public class GeneratedApplication {

	/** How many bean definitions (and distinct classes) the application has. */
	public static final int BEAN_COUNT = 2_000;

	DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	/** Generates the classes and registers the bean definitions. */
	@Setup(Level.Trial)
	public void generate() {
		DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
		ByteBuddy byteBuddy = new ByteBuddy();
		ClassLoader classLoader = GeneratedApplication.class.getClassLoader();
		for (int i = 0; i < BEAN_COUNT; i++) {
			Class<?> type = switch (i % 4) {
				case 0 -> byteBuddy.subclass(Object.class)
					.name("dev.gatehouse.benchmarks.startup.generated.ClassLevelService" + i)
					.annotateType(AnnotationDescription.Builder.ofType(RequireRole.class)
						.define("value", "role-" + (i % 10))
						.build())
					.defineMethod("find", String.class, java.lang.reflect.Modifier.PUBLIC)
					.intercept(FixedValue.value("found"))
					.defineMethod("update", String.class, java.lang.reflect.Modifier.PUBLIC)
					.intercept(FixedValue.value("updated"))
					.make()
					.load(classLoader, ClassLoadingStrategy.Default.INJECTION)
					.getLoaded();
				case 1 -> byteBuddy.subclass(Object.class)
					.name("dev.gatehouse.benchmarks.startup.generated.MethodLevelService" + i)
					.defineMethod("read", String.class, java.lang.reflect.Modifier.PUBLIC)
					.intercept(FixedValue.value("read"))
					.annotateMethod(AnnotationDescription.Builder.ofType(RequireScope.class)
						.define("value", "scope-" + (i % 10))
						.build())
					.defineMethod("delete", String.class, java.lang.reflect.Modifier.PUBLIC)
					.intercept(FixedValue.value("deleted"))
					.annotateMethod(AnnotationDescription.Builder.ofType(RequirePermission.class)
						.define("value", "items:delete")
						.build())
					.defineMethod("status", String.class, java.lang.reflect.Modifier.PUBLIC)
					.intercept(FixedValue.value("ok"))
					.make()
					.load(classLoader, ClassLoadingStrategy.Default.INJECTION)
					.getLoaded();
				default -> byteBuddy.subclass(Object.class)
					.name("dev.gatehouse.benchmarks.startup.generated.PlainComponent" + i)
					.defineMethod("work", String.class, java.lang.reflect.Modifier.PUBLIC)
					.intercept(FixedValue.value("done"))
					.method(ElementMatchers.named("toString"))
					.intercept(FixedValue.value("plain"))
					.make()
					.load(classLoader, ClassLoadingStrategy.Default.INJECTION)
					.getLoaded();
			};
			RootBeanDefinition definition = new RootBeanDefinition(type);
			definition.setLazyInit(true);
			factory.registerBeanDefinition("bean" + i, definition);
		}
		register(factory, "authenticator", Authenticator.class,
				(credential, invocation) -> AuthContext.builder("benchmark").build());
		register(factory, "roleChecker", RoleChecker.class, (request) -> AuthorizationDecision.allow());
		register(factory, "scopeChecker", ScopeChecker.class, (request) -> AuthorizationDecision.allow());
		register(factory, "permissionChecker", PermissionChecker.class, (request) -> AuthorizationDecision.allow());
		this.beanFactory = factory;
	}

	private static <T> void register(DefaultListableBeanFactory factory, String name, Class<T> type, T instance) {
		factory.registerBeanDefinition(name, new RootBeanDefinition(type, () -> instance));
	}

}
