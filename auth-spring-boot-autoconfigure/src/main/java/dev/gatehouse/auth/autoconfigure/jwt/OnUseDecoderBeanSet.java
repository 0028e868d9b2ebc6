package dev.gatehouse.auth.autoconfigure.jwt;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code gatehouse.jwt.use-decoder-bean} has any value, so that
 * {@code false} is checked too (it needs a key source) and a value that does not bind
 * fails startup instead of being ignored.
 */
final class OnUseDecoderBeanSet extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return context.getEnvironment().containsProperty(JwtAuthenticatorFactory.USE_DECODER_BEAN)
				? ConditionOutcome.match(JwtAuthenticatorFactory.USE_DECODER_BEAN + " is set")
				: ConditionOutcome.noMatch(JwtAuthenticatorFactory.USE_DECODER_BEAN + " is not set");
	}

}
