package dev.gatehouse.auth.autoconfigure.authzen;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.gatehouse.auth.spi.AuthCapability;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Reads {@code gatehouse.authzen.provides} the way the properties class binds it.
 */
final class OnAuthZenProvidesCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		@Nullable Map<String, @Nullable Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnAuthZenProvides.class.getName());
		AuthCapability capability = (AuthCapability) Objects
			.requireNonNull(Objects.requireNonNull(attributes).get("value"));
		Set<AuthCapability> provided = provided(Binder.get(context.getEnvironment()));
		return provided.contains(capability)
				? ConditionOutcome.match("gatehouse.authzen.provides includes " + capability)
				: ConditionOutcome.noMatch("gatehouse.authzen.provides does not include " + capability);
	}

	static Set<AuthCapability> provided(Binder binder) {
		return binder.bind("gatehouse.authzen.provides", Bindable.setOf(AuthCapability.class))
			.orElseGet(() -> new GatehouseAuthZenProperties().getProvides());
	}

}
