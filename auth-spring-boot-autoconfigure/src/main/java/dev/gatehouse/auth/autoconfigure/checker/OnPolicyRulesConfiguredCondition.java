package dev.gatehouse.auth.autoconfigure.checker;

import java.util.List;

import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one {@code gatehouse.policies.rules[*]} entry is configured:
 * without rules a default evaluator could only deny, and startup validation should rather
 * report that no policy provider exists.
 */
final class OnPolicyRulesConfiguredCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Gatehouse policy rules");
		int count = Binder.get(context.getEnvironment())
			.bind("gatehouse.policies.rules", Bindable.listOf(GatehouseProperties.Policies.Rule.class))
			.map(List::size)
			.orElse(0);
		if (count == 0) {
			return ConditionOutcome.noMatch(message.didNotFind("property").items("gatehouse.policies.rules"));
		}
		return ConditionOutcome.match(message.found("policy rules").items(count));
	}

}
