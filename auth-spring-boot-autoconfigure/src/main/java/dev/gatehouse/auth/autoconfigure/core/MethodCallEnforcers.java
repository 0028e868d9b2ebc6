package dev.gatehouse.auth.autoconfigure.core;

import java.util.function.Supplier;

import dev.gatehouse.auth.autoconfigure.observation.GatehouseObservationProperties.AuthorizationRecording;
import dev.gatehouse.auth.enforcement.AuthRequirementEvaluator;
import dev.gatehouse.auth.enforcement.MethodCallEnforcer;
import dev.gatehouse.auth.metadata.MethodBoundaries;
import dev.gatehouse.auth.observation.AuthorizationObservationConvention;
import dev.gatehouse.auth.observation.ObservedMethodCallEnforcer;
import dev.gatehouse.auth.observation.TimedMethodCallEnforcer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Chooses, once and from the bean definitions, how the interceptor's enforcer is
 * decorated ({@code gatehouse.observation.authorization}): by a timer, by an observation,
 * or not at all. Without the registry the mode needs, or with observations off, the
 * interceptor calls the evaluator itself and checks run exactly as they always did.
 * Registries and the evaluator are created on the first check, not while post-processors
 * are being registered.
 */
final class MethodCallEnforcers {

	static final String AUTHORIZATION_RECORDING = "gatehouse.observation.authorization";

	private static final boolean METRICS_PRESENT = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			MethodCallEnforcers.class.getClassLoader());

	private MethodCallEnforcers() {
	}

	static Supplier<MethodCallEnforcer> enforcer(ObjectProvider<AuthRequirementEvaluator> evaluator,
			ListableBeanFactory beanFactory, Environment environment,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AuthorizationObservationConvention> observationConvention, MethodBoundaries boundaries) {
		AuthorizationRecording recording = recording(beanFactory, environment);
		return switch (recording) {
			case OBSERVATION -> () -> new ObservedMethodCallEnforcer(evaluator.getObject(),
					observationRegistry.getObject(), observationConvention.getIfUnique(), boundaries);
			case METRICS -> () -> Timed.decorate(evaluator.getObject(), beanFactory, boundaries);
			case OFF -> evaluator::getObject;
		};
	}

	// OFF stands for every reason not to record: switched off, or no registry for the
	// chosen mode.
	static AuthorizationRecording recording(ListableBeanFactory beanFactory, Environment environment) {
		if (!environment.getProperty(EnforcementConfiguration.OBSERVATION_ENABLED, Boolean.class, true)) {
			return AuthorizationRecording.OFF;
		}
		AuthorizationRecording recording = Binder.get(environment)
			.bind(AUTHORIZATION_RECORDING, AuthorizationRecording.class)
			.orElse(AuthorizationRecording.METRICS);
		return switch (recording) {
			case OBSERVATION ->
				hasBean(beanFactory, ObservationRegistry.class) ? recording : AuthorizationRecording.OFF;
			case METRICS ->
				(METRICS_PRESENT && Timed.hasRegistry(beanFactory)) ? recording : AuthorizationRecording.OFF;
			case OFF -> recording;
		};
	}

	private static boolean hasBean(ListableBeanFactory beanFactory, Class<?> type) {
		return beanFactory.getBeanNamesForType(type, true, false).length > 0;
	}

	/**
	 * The metrics mode; a class of its own so that micrometer-core is loaded only when
	 * present.
	 */
	private static final class Timed {

		static boolean hasRegistry(ListableBeanFactory beanFactory) {
			return hasBean(beanFactory, MeterRegistry.class);
		}

		static MethodCallEnforcer decorate(AuthRequirementEvaluator evaluator, ListableBeanFactory beanFactory,
				MethodBoundaries boundaries) {
			MeterRegistry registry = beanFactory.getBeanProvider(MeterRegistry.class).getIfUnique();
			return (registry != null) ? new TimedMethodCallEnforcer(evaluator, registry, boundaries) : evaluator;
		}

	}

}
