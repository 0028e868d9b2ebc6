package dev.gatehouse.auth.autoconfigure.jwt;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Matches when at least one JWT key source property is set, or the application defines a
 * {@link JwtDecoder}.
 */
final class OnJwtKeySource extends AnyNestedCondition {

	OnJwtKeySource() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty(JwtAuthenticatorFactory.ISSUER_URI)
	static final class IssuerUri {

	}

	@ConditionalOnProperty(JwtAuthenticatorFactory.JWK_SET_URI)
	static final class JwkSetUri {

	}

	@ConditionalOnProperty(JwtAuthenticatorFactory.SECRET)
	static final class Secret {

	}

	@ConditionalOnBean(type = "org.springframework.security.oauth2.jwt.JwtDecoder")
	static final class Decoder {

	}

}
