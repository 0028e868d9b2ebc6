package dev.gatehouse.auth.autoconfigure.snapshot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one verification key is configured.
 */
final class OnVerificationKeys extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind(SnapshotKeyFactory.KEYS,
					Bindable.mapOf(String.class, GatehouseSnapshotProperties.VerificationKey.class))
			.map((keys) -> !keys.isEmpty())
			.orElse(false);
		return configured ? ConditionOutcome.match("snapshot verification keys are configured")
				: ConditionOutcome.noMatch("no " + SnapshotKeyFactory.KEYS + " configured");
	}

}
