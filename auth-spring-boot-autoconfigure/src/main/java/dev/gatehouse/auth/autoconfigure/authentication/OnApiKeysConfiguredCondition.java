package dev.gatehouse.auth.autoconfigure.authentication;

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
 * Matches when at least one {@code gatehouse.api-keys[*]} entry is configured, whatever
 * it contains: an entry without a hash must still reach the authenticator, whose
 * validation then names it, rather than silently disable API keys.
 */
final class OnApiKeysConfiguredCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Gatehouse API keys");
		int count = Binder.get(context.getEnvironment())
			.bind("gatehouse.api-keys", Bindable.listOf(GatehouseProperties.ApiKey.class))
			.map(List::size)
			.orElse(0);
		if (count == 0) {
			return ConditionOutcome.noMatch(message.didNotFind("property").items("gatehouse.api-keys"));
		}
		return ConditionOutcome.match(message.found("api key entries").items(count));
	}

}
