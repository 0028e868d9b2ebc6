package dev.gatehouse.auth.autoconfigure.jwt;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Matches when at least one JWT key source property is set, when
 * {@code gatehouse.jwt.use-decoder-bean} is set (either way: its value is then checked),
 * or when the application defines a {@link JwtDecoder} and the Spring Security bridge is
 * not active. With the bridge active, a decoder bean alone is Spring Security's resource
 * server's (Boot registers one for it), which verifies the token itself: Gatehouse
 * verifying it a second time would only double the work.
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

	@Conditional(OnUseDecoderBeanSet.class)
	static final class UseDecoderBean {

	}

	@ConditionalOnBean(type = "org.springframework.security.oauth2.jwt.JwtDecoder")
	@Conditional(OnNoSpringSecurityBridge.class)
	static final class Decoder {

	}

}
